"""The minutes as rich text for QTextDocument, laid out like a Vietnamese administrative "Biên bản":
the issuing body and the national motto side by side, the place and date, the title, then
I. time, place and attendance, II. the agenda items, III. the votes, and the signatures.

Every name, title and filename comes from outside and is escaped here (``html.escape``) before it
joins the markup. Times are Huế time, dd/MM/yyyy HH:mm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from PySide6.QtCore import QObject

from backend_client.api.models import AttendanceMember, PollDetail, Stay
from ioc_console.services.event_text import LOCAL_TZ, fill
from ioc_console.workspaces.meetings.minutes_data import MinutesData, MinutesItem

#: Serif like the administrative documents (Times New Roman where installed), each with Vietnamese glyphs.
FONT_FAMILIES = ("Times New Roman", "Noto Serif", "DejaVu Serif", "Liberation Serif")
BODY_POINTS = 12.5
TABLE_POINTS = 11

_TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
    'style="border-collapse: collapse; border-color: #000000; margin-top: 4px; margin-bottom: 6px;">'
)


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)


def when(moment: datetime | None) -> str:
    """dd/MM/yyyy HH:mm in Huế time; empty for no time."""
    return local(moment).strftime("%d/%m/%Y %H:%M") if moment is not None else ""


def span(start: datetime | None, end: datetime | None, open_end: str) -> str:
    """ "06/12/2026 08:02 – 09:40" (the end's date only when it is another day); ``open_end`` when it has not ended."""
    if start is None:
        return ""
    if end is None:
        return f"{when(start)} – {open_end}"
    same_day = local(start).date() == local(end).date()
    return f"{when(start)} – {local(end).strftime('%H:%M') if same_day else when(end)}"


def _row(cells: Iterable[str], *, header: bool = False, widths: Sequence[int] = ()) -> str:
    tag = "th" if header else "td"
    out = []
    for i, cell in enumerate(cells):
        width = f' width="{widths[i]}%"' if i < len(widths) else ""
        align = ' align="center"' if header else ""
        out.append(f'<{tag}{width}{align}><span style="font-size: {TABLE_POINTS}pt;">{cell}</span></{tag}>')
    return "<tr>" + "".join(out) + "</tr>"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int] = ()) -> str:
    """A ruled table; ``headers`` and ``rows`` are markup already (escape the data before)."""
    body = "".join(_row(r) for r in rows)
    return f"{_TABLE}<thead>{_row(headers, header=True, widths=widths)}</thead>{body}</table>"


class MinutesText(QObject):
    """Composes the markup; a QObject for ``self.tr`` (the words follow the UI language)."""

    def html(self, data: MinutesData) -> str:
        """The whole minutes as one document (the fonts come from the QTextDocument's default font)."""
        return "<html><body>" + "".join(self.parts(data)) + "</body></html>"

    def parts(self, data: MinutesData) -> list[str]:
        """The minutes in pieces of about a page or less (heading and attendance, each agenda item,
        each vote, the signatures): a builder can add them to its document one per turn."""
        parts = [self._heading(data) + self._section_one(data), self._h1(self.tr("II. PROCEEDINGS"))]
        if not data.items:
            parts.append(self._p(escape(self.tr("The meeting had no agenda items."))))
        parts += [self._item(data, number, entry) for number, entry in enumerate(data.items, start=1)]
        parts.append(self._h1(self.tr("III. VOTES")))
        if not data.polls:
            parts.append(self._p(escape(self.tr("No question was put to the vote."))))
        parts += [self._poll(number, poll) for number, poll in enumerate(data.polls, start=1)]
        parts.append(self._closing(data))
        return parts

    # -- header -------------------------------------------------------------------------------------------
    def _heading(self, data: MinutesData) -> str:
        meeting = data.meeting
        day = local(meeting.starts_at)
        dated = fill(self.tr("Huế, %1/%2/%3"), f"{day.day:02d}", f"{day.month:02d}", str(day.year))
        left = (
            f"{escape(self.tr('HUẾ CITY PEOPLE’S COMMITTEE'))}<br/>"
            # The translation may break the centre's long name in two lines where it reads well.
            f"<b><u>{escape(self.tr('INTELLIGENT OPERATIONS CENTRE')).replace(chr(10), '<br/>')}</u></b>"
        )
        number = escape(self.tr("No.: ……/BB-IOC"))
        right = (
            f"<b>{escape(self.tr('SOCIALIST REPUBLIC OF VIETNAM'))}</b><br/>"
            f"<b><u>{escape(self.tr('Independence – Freedom – Happiness'))}</u></b>"
        )
        banner = (
            '<table width="100%" cellspacing="0" cellpadding="0" style="font-size: 11pt;">'
            f'<tr><td width="47%" align="center">{left}</td><td width="53%" align="center">{right}</td></tr>'
            f'<tr><td align="center" style="padding-top: 8px;">{number}</td>'
            f'<td align="center" style="padding-top: 8px;"><i>{escape(dated)}</i></td></tr>'
            "</table>"
        )
        title = (
            f'<p align="center" style="margin-top: 22px; margin-bottom: 0px; font-size: 16pt;">'
            f"<b>{escape(self.tr('MINUTES OF THE MEETING'))}</b></p>"
            f'<p align="center" style="margin-top: 4px; margin-bottom: 14px; font-size: 13.5pt;">'
            f"<b>{escape(meeting.title)}</b></p>"
        )
        return banner + title

    # -- I. time, place, attendance ------------------------------------------------------------------------
    def _section_one(self, data: MinutesData) -> str:
        meeting = data.meeting
        out = [self._h1(self.tr("I. TIME, PLACE AND PARTICIPANTS"))]
        time_line = fill(self.tr("from %1 to %2"), when(meeting.starts_at), when(meeting.ends_at))
        out.append(self._field(self.tr("1. Time:"), time_line))
        out.append(self._field(self.tr("2. Place:"), meeting.location))
        out.append(self._field(self.tr("3. Chair:"), self._names(data, "chair")))
        out.append(self._field(self.tr("4. Secretary:"), self._names(data, "secretary")))
        out.append(self._p(f"<b>{escape(self.tr('5. Members and attendance:'))}</b>"))
        out.append(self._attendance(data))
        out.append(self._quorum(data))
        loose = self._unlisted_documents(data)
        if loose:
            out.append(self._field(self.tr("6. Other documents of the meeting:"), loose))
        return "".join(out)

    def _names(self, data: MinutesData, role: str) -> str:
        names = [m.full_name for m in data.members_in_role(role)]
        return ", ".join(names) if names else self.tr("not designated")

    def _role(self, role: str) -> str:
        return {
            "chair": self.tr("Chair"),
            "secretary": self.tr("Secretary"),
            "presenter": self.tr("Presenter"),
            "member": self.tr("Member"),
            "guest": self.tr("Guest"),
        }.get(role, role)

    def _attendance(self, data: MinutesData) -> str:
        if data.attendance is None:
            rows = [
                (str(n), escape(m.full_name), escape(self._role(m.role)))
                for n, m in enumerate(data.meeting.members, start=1)
            ]
            hidden = self.tr("Check-in and check-out times are shown to the chair and the secretary only.")
            note = self._p(f"<i>{escape(hidden)}</i>")
            headers = [self.tr("No."), self.tr("Full name"), self.tr("Meeting role")]
            return table([escape(h) for h in headers], rows, (7, 58, 35)) + note
        rows2 = [
            (
                str(n),
                escape(m.full_name),
                escape(self._role(m.role)),
                escape(self._presence(m)),
                "<br/>".join(escape(self._stay(s)) for s in m.stays) or "—",
            )
            for n, m in enumerate(data.attendance.members, start=1)
        ]
        headers = [
            self.tr("No."),
            self.tr("Full name"),
            self.tr("Meeting role"),
            self.tr("Attendance"),
            self.tr("Check-in – check-out"),
        ]
        return table([escape(h) for h in headers], rows2, (7, 29, 15, 15, 34))

    def _presence(self, member: AttendanceMember) -> str:
        if member.present:
            return self.tr("Present")
        return self.tr("Attended") if member.stays else self.tr("Absent")

    def _stay(self, stay: Stay) -> str:
        return span(stay.checked_in_at, stay.checked_out_at, self.tr("not checked out"))

    def _quorum(self, data: MinutesData) -> str:
        summary = data.summary
        if summary is None:
            return ""
        if data.attendance is not None:
            attended = sum(1 for m in data.attendance.members if m.stays)
            line = fill(self.tr("Members who attended: %1 of %2."), str(attended), str(summary.members))
        else:
            attended = summary.present
            line = fill(self.tr("Members present: %1 of %2."), str(attended), str(summary.members))
        if summary.quorum_needed <= 0:
            line += " " + self.tr("No quorum is set for this meeting.")
        elif attended >= summary.quorum_needed:
            line += " " + fill(self.tr("Quorum (%1 members) reached."), str(summary.quorum_needed))
        else:
            line += " " + fill(self.tr("Quorum (%1 members) not reached."), str(summary.quorum_needed))
        return self._p(escape(line))

    def _unlisted_documents(self, data: MinutesData) -> str:
        on_items = {doc for entry in data.items for doc in entry.item.documents}
        return ", ".join(d.filename for d in data.meeting.documents if d.id not in on_items)

    # -- II. agenda -------------------------------------------------------------------------------------------
    def _item(self, data: MinutesData, number: int, entry: MinutesItem) -> str:
        item = entry.item
        out = [self._h2(f"{number}. {item.title}")]
        presenter = item.presenter or data.member_name(item.presenter_id)
        out.append(self._field(self.tr("Presenter:"), presenter or self.tr("not designated")))
        if item.minutes:
            out.append(self._field(self.tr("Time allowed:"), fill(self.tr("%1 minutes"), str(item.minutes))))
        names = {d.id: d.filename for d in data.meeting.documents}
        documents = [names.get(doc, fill(self.tr("document %1 (removed)"), str(doc))) for doc in item.documents]
        out.append(self._field(self.tr("Documents:"), "; ".join(documents) if documents else self.tr("none")))
        if entry.speakers:
            out.append(self._p(f"<b>{escape(self.tr('Speakers:'))}</b>"))
            rows = [
                (
                    str(n),
                    escape(s.full_name or data.member_name(s.user_id) or fill(self.tr("user %1"), str(s.user_id))),
                    escape(when(s.started_at)),
                    escape(when(s.stopped_at) if s.stopped_at else self.tr("still speaking")),
                )
                for n, s in enumerate(entry.speakers, start=1)
            ]
            headers = [self.tr("No."), self.tr("Speaker"), self.tr("Started"), self.tr("Stopped")]
            out.append(table([escape(h) for h in headers], rows, (8, 44, 24, 24)))
        else:
            out.append(self._field(self.tr("Speakers:"), self.tr("none")))
        out.append(self._conclusions(entry))
        return "".join(out)

    def _conclusions(self, entry: MinutesItem) -> str:
        conclusions = entry.item.conclusions
        if not conclusions:
            return self._field(self.tr("Conclusions:"), self.tr("none recorded"))
        out = [self._p(f"<b>{escape(self.tr('Conclusions:'))}</b>")]
        for n, conclusion in enumerate(conclusions, start=1):
            text = escape(conclusion.text).replace("\n", "<br/>")
            out.append(f'<p style="margin-left: 18px; margin-top: 2px; margin-bottom: 2px;">{n}) {text}</p>')
            tasks = entry.tasks.get(conclusion.id, [])
            if tasks:
                out.append(
                    f'<p style="margin-left: 18px; margin-top: 2px; margin-bottom: 0px;">'
                    f"<i>{escape(self.tr('Tasks assigned:'))}</i></p>"
                )
                rows = [
                    (
                        escape(t.title),
                        escape(t.assignee_unit),
                        escape(when(t.due_at) if t.due_at else self.tr("no deadline")),
                    )
                    for t in tasks
                ]
                headers = [self.tr("Task"), self.tr("Unit in charge"), self.tr("Deadline")]
                out.append(table([escape(h) for h in headers], rows, (50, 28, 22)))
        if entry.unreadable_tasks:
            ids = ", ".join(f"#{t}" for t in entry.unreadable_tasks)
            out.append(self._p(escape(fill(self.tr("Tasks not readable with your rights: %1"), ids))))
        return "".join(out)

    # -- III. votes ------------------------------------------------------------------------------------------
    def _poll(self, number: int, poll: PollDetail) -> str:
        out = [self._h2(f"{number}. {poll.question}")]
        kind = self.tr("named vote") if poll.kind == "named" else self.tr("secret ballot")
        out.append(self._field(self.tr("Kind:"), kind))
        times = []
        if poll.opened_at:
            times.append(fill(self.tr("opened %1"), when(poll.opened_at)))
        if poll.closed_at:
            times.append(fill(self.tr("closed %1"), when(poll.closed_at)))
        if times:
            out.append(self._field(self.tr("Voting:"), ", ".join(times)))
        cast = (
            fill(self.tr("%1 of %2 members entitled to vote"), str(poll.votes_cast), str(poll.eligible))
            if poll.eligible is not None
            else str(poll.votes_cast)
        )
        out.append(self._field(self.tr("Votes cast:"), cast))
        # An unpublished tally stays out of the minutes even when the reader manages the poll: the
        # minutes are passed on, and the meeting has not been told the result.
        if poll.status != "published" or poll.votes is None:
            state = self.tr("The vote is still open.") if poll.status == "open" else ""
            out.append(
                self._p(f"<i>{escape((state + ' ' + self.tr('The result has not been published.')).strip())}</i>")
            )
            return "".join(out)
        total = sum(poll.votes)
        rows = [
            (escape(option), str(count), f"{(100.0 * count / total):.1f} %" if total else "—")
            for option, count in zip(poll.options, poll.votes, strict=True)
        ]
        headers = [self.tr("Option"), self.tr("Votes"), self.tr("Share")]
        out.append(table([escape(h) for h in headers], rows, (60, 20, 20)))
        if poll.kind == "secret":
            out.append(self._p(f"<i>{escape(self.tr('Secret ballot: who chose what is not recorded.'))}</i>"))
        elif poll.ballots:
            out.append(self._p(f"<b>{escape(self.tr('Named votes:'))}</b>"))
            ballot_rows = [
                (str(n), escape(b.full_name), escape(poll.options[b.option]))
                for n, b in enumerate(poll.ballots, start=1)
            ]
            headers = [self.tr("No."), self.tr("Member"), self.tr("Choice")]
            out.append(table([escape(h) for h in headers], ballot_rows, (8, 52, 40)))
        return "".join(out)

    # -- closing ------------------------------------------------------------------------------------------------
    def _closing(self, data: MinutesData) -> str:
        made = fill(self.tr("These minutes were drawn up at %1."), when(data.collected_at))
        if data.made_by:
            made = fill(self.tr("These minutes were drawn up at %1 by %2."), when(data.collected_at), data.made_by)
        closing = self._p(f"<i>{escape(made)}</i>")

        def block(role_title: str, role: str) -> str:
            names = "<br/>".join(escape(m.full_name) for m in data.members_in_role(role))
            return (
                f"<b>{escape(role_title)}</b><br/><i>{escape(self.tr('(signature, full name)'))}</i>"
                f"<br/><br/><br/><br/><b>{names}</b>"
            )

        signatures = (
            '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top: 16px;"><tr>'
            f'<td width="50%" align="center">{block(self.tr("SECRETARY"), "secretary")}</td>'
            f'<td width="50%" align="center">{block(self.tr("CHAIR"), "chair")}</td>'
            "</tr></table>"
        )
        return closing + signatures

    # -- pieces -------------------------------------------------------------------------------------------------
    @staticmethod
    def _p(inner: str) -> str:
        return f'<p style="margin-top: 3px; margin-bottom: 3px;">{inner}</p>'

    def _field(self, label: str, value: str) -> str:
        return self._p(f"<b>{escape(label)}</b> {escape(value)}")

    @staticmethod
    def _h1(text: str) -> str:
        return f'<p style="margin-top: 14px; margin-bottom: 6px;"><b>{escape(text)}</b></p>'

    @staticmethod
    def _h2(text: str) -> str:
        return f'<p style="margin-top: 10px; margin-bottom: 3px;"><b><i>{escape(text)}</i></b></p>'
