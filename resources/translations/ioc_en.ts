<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>◀ Previous item</source>
        <translation>◀ Previous item</translation>
    </message>
    <message>
        <source>Next item ▶</source>
        <translation>Next item ▶</translation>
    </message>
    <message>
        <source>Discuss this item</source>
        <translation>Discuss this item</translation>
    </message>
    <message>
        <source>Make the chosen item the one under discussion</source>
        <translation>Make the chosen item the one under discussion</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation>Give the floor</translation>
    </message>
    <message>
        <source>End the turn</source>
        <translation>End the turn</translation>
    </message>
    <message>
        <source>Move the speaker up the list</source>
        <translation>Move the speaker up the list</translation>
    </message>
    <message>
        <source>Move the speaker down the list</source>
        <translation>Move the speaker down the list</translation>
    </message>
    <message>
        <source>Conclusions</source>
        <translation>Conclusions</translation>
    </message>
    <message>
        <source>Record a conclusion…</source>
        <translation>Record a conclusion…</translation>
    </message>
    <message>
        <source>(%1 min)</source>
        <translation>(%1 min)</translation>
    </message>
    <message>
        <source>No agenda item</source>
        <translation>No agenda item</translation>
    </message>
    <message>
        <source>Presenter: %1</source>
        <translation>Presenter: %1</translation>
    </message>
    <message>
        <source>Task created: %1</source>
        <translation>Task created: %1</translation>
    </message>
    <message>
        <source>Withdraw my request</source>
        <translation>Withdraw my request</translation>
    </message>
    <message>
        <source>Ask to speak</source>
        <translation>Ask to speak</translation>
    </message>
</context>
<context>
    <name>AlarmSpot</name>
    <message>
        <source> (+%1 waiting)</source>
        <translation> (+%1 waiting)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Verify…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Take the alarm off the wall without acting on it (it stays in the event log)</source>
        <translation>Take the alarm off the wall without acting on it (it stays in the event log)</translation>
    </message>
</context>
<context>
    <name>AlertActions</name>
    <message>
        <source>View snapshot</source>
        <translation>View snapshot</translation>
    </message>
    <message>
        <source>View snapshot (cached copy)</source>
        <translation>View snapshot (cached copy)</translation>
    </message>
    <message>
        <source>The server cannot be reached now; this shows the copy saved on this computer.</source>
        <translation>The server cannot be reached now; this shows the copy saved on this computer.</translation>
    </message>
    <message>
        <source>View snapshot (needs the server)</source>
        <translation>View snapshot (needs the server)</translation>
    </message>
    <message>
        <source>The snapshot image is fetched from the server, which cannot be reached now.</source>
        <translation>The snapshot image is fetched from the server, which cannot be reached now.</translation>
    </message>
    <message>
        <source>The disk of this computer is full. Free some disk space, then try again.</source>
        <translation>The disk of this computer is full. Free some disk space, then try again.</translation>
    </message>
    <message>
        <source>The local cache could not save it: %1</source>
        <translation>The local cache could not save it: %1</translation>
    </message>
    <message>
        <source>What was entered cannot be sent as it is (too long, or empty). Check it and try again.</source>
        <translation>What was entered cannot be sent as it is (too long, or empty). Check it and try again.</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
    <message>
        <source>Action not saved</source>
        <translation>Action not saved</translation>
    </message>
    <message>
        <source>The action was NOT saved and will not be sent.
%1</source>
        <translation>The action was NOT saved and will not be sent.
%1</translation>
    </message>
    <message>
        <source>Snapshot of alert #%1 (cached copy, the server cannot be reached)</source>
        <translation>Snapshot of alert #%1 (cached copy, the server cannot be reached)</translation>
    </message>
    <message>
        <source>Snapshot of alert #%1</source>
        <translation>Snapshot of alert #%1</translation>
    </message>
    <message>
        <source>Could not fetch the snapshot: %1</source>
        <translation>Could not fetch the snapshot: %1</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
    <message>
        <source>&amp;Verify on camera…</source>
        <translation>&amp;Verify on camera…</translation>
    </message>
    <message>
        <source>&amp;Dispatch to a unit…</source>
        <translation>&amp;Dispatch to a unit…</translation>
    </message>
    <message>
        <source>&amp;Start handling</source>
        <translation>&amp;Start handling</translation>
    </message>
    <message>
        <source>&amp;Close…</source>
        <translation>&amp;Close…</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Add &amp;note…</translation>
    </message>
</context>
<context>
    <name>AlertDetailPane</name>
    <message>
        <source>Detected</source>
        <extracomment>Snapshots kept decoded in memory (one pane; an operator walks back and forth over a few dozen). How often the SLA line is recomputed (&quot;due in 3 min&quot; must tick down while nothing changes).</extracomment>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Detection bundled</source>
        <translation>Detection bundled</translation>
    </message>
    <message>
        <source>State changed</source>
        <translation>State changed</translation>
    </message>
    <message>
        <source>Verified on camera</source>
        <translation>Verified on camera</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Bulk action</source>
        <translation>Bulk action</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA breached</translation>
    </message>
    <message>
        <source>Public warning</source>
        <translation>Public warning</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>unit %1</translation>
    </message>
    <message>
        <source>(bulk)</source>
        <translation>(bulk)</translation>
    </message>
    <message>
        <source>Open camera on the wall</source>
        <translation>Open camera on the wall</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <source>Draft warning…</source>
        <translation>Draft warning…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Choose an alert in a queue to see it here.</source>
        <translation>Choose an alert in a queue to see it here.</translation>
    </message>
    <message>
        <source>No alert selected</source>
        <translation>No alert selected</translation>
    </message>
    <message>
        <source>Camera %1 — %2 — %3</source>
        <translation>Camera %1 — %2 — %3</translation>
    </message>
    <message>
        <source>Alert #%1</source>
        <translation>Alert #%1</translation>
    </message>
    <message>
        <source>1 detection at %1, confidence %2% (repeats within %3 join this alert)</source>
        <translation>1 detection at %1, confidence %2% (repeats within %3 join this alert)</translation>
    </message>
    <message>
        <source>%1 detections from %2 to %3 (over %4), latest confidence %5% (bundling window %6)</source>
        <translation>%1 detections from %2 to %3 (over %4), latest confidence %5% (bundling window %6)</translation>
    </message>
    <message>
        <source>Closed: no deadline running.</source>
        <translation>Closed: no deadline running.</translation>
    </message>
    <message>
        <source>OVERDUE: not acknowledged, due %1 (overdue by %2)</source>
        <translation>OVERDUE: not acknowledged, due %1 (overdue by %2)</translation>
    </message>
    <message>
        <source>OVERDUE: not closed, due %1 (overdue by %2)</source>
        <translation>OVERDUE: not closed, due %1 (overdue by %2)</translation>
    </message>
    <message>
        <source>Acknowledge by %1 (in %2)</source>
        <translation>Acknowledge by %1 (in %2)</translation>
    </message>
    <message>
        <source>Close by %1 (in %2)</source>
        <translation>Close by %1 (in %2)</translation>
    </message>
    <message>
        <source>No deadline for this alert.</source>
        <translation>No deadline for this alert.</translation>
    </message>
    <message>
        <source>(the SLA was breached)</source>
        <translation>(the SLA was breached)</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>No notes yet.</translation>
    </message>
    <message>
        <source>No video wall in this console.</source>
        <translation>No video wall in this console.</translation>
    </message>
    <message>
        <source>This console has no map workspace yet; the place is in the alert (ward, coordinates).</source>
        <translation>This console has no map workspace yet; the place is in the alert (ward, coordinates).</translation>
    </message>
    <message>
        <source>Only an alert verified on camera as real can become a public warning.</source>
        <translation>Only an alert verified on camera as real can become a public warning.</translation>
    </message>
    <message>
        <source>Loading the snapshot…</source>
        <translation>Loading the snapshot…</translation>
    </message>
    <message>
        <source>The snapshot cannot be shown: the server cannot be reached and no copy is saved here.</source>
        <translation>The snapshot cannot be shown: the server cannot be reached and no copy is saved here.</translation>
    </message>
    <message>
        <source>The snapshot cannot be shown: %1</source>
        <translation>The snapshot cannot be shown: %1</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Loading the history…</translation>
    </message>
    <message>
        <source>The history could not be loaded: %1</source>
        <translation>The history could not be loaded: %1</translation>
    </message>
    <message>
        <source>system</source>
        <translation>system</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>AlertDialogs</name>
    <message>
        <source>The note is too long: %1 characters, at most %2.</source>
        <translation>The note is too long: %1 characters, at most %2.</translation>
    </message>
    <message>
        <source>camera %1</source>
        <translation>camera %1</translation>
    </message>
</context>
<context>
    <name>AlertDurations</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
</context>
<context>
    <name>AlertFilterBar</name>
    <message>
        <source>last hour</source>
        <translation>last hour</translation>
    </message>
    <message>
        <source>last 24 hours</source>
        <translation>last 24 hours</translation>
    </message>
    <message>
        <source>last 7 days</source>
        <translation>last 7 days</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>any time</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <source>Categories: %1</source>
        <translation>Categories: %1</translation>
    </message>
    <message>
        <source>Statuses: %1</source>
        <translation>Statuses: %1</translation>
    </message>
    <message>
        <source>Wards: %1</source>
        <translation>Wards: %1</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Clear filter</translation>
    </message>
    <message>
        <source>Filter from the map applied — %1</source>
        <translation>Filter from the map applied — %1</translation>
    </message>
</context>
<context>
    <name>AlertQueueList</name>
    <message>
        <source>All open</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>Urban order</source>
        <translation>Urban order</translation>
    </message>
    <message>
        <source>Public safety</source>
        <translation>Public safety</translation>
    </message>
    <message>
        <source>Forest fire</source>
        <translation>Forest fire</translation>
    </message>
    <message>
        <source>Natural disaster</source>
        <translation>Natural disaster</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>New (not acknowledged)</source>
        <translation>New (not acknowledged)</translation>
    </message>
    <message>
        <source>SLA breached (escalation)</source>
        <translation>SLA breached (escalation)</translation>
    </message>
    <message>
        <source>False alarms to review</source>
        <translation>False alarms to review</translation>
    </message>
</context>
<context>
    <name>AlertQueueModel</name>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Detections</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>overdue %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>%1 → %2 (waiting to send)</source>
        <extracomment>Source rows whose alert changed in place (sorted), after their ``dataChanged``. Per-queue counts or &quot;new&quot; badges changed. Alerts that arrived live (not from the cache or a catch-up page): new to this console.</extracomment>
        <translation>%1 → %2 (waiting to send)</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (%2 ago)</translation>
    </message>
    <message>
        <source>SLA: %1</source>
        <translation>SLA: %1</translation>
    </message>
</context>
<context>
    <name>AlertTicker</name>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 days ago</translation>
    </message>
    <message>
        <source>Newest critical</source>
        <translation>Newest critical</translation>
    </message>
    <message>
        <source>Critical %1 of %2</source>
        <translation>Critical %1 of %2</translation>
    </message>
    <message>
        <source>%1 not acknowledged</source>
        <translation>%1 not acknowledged</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Click or press Enter to open this alert in the alert queues</source>
        <translation>Click or press Enter to open this alert in the alert queues</translation>
    </message>
    <message>
        <source>Critical alerts</source>
        <translation>Critical alerts</translation>
    </message>
    <message>
        <source>No unacknowledged critical alerts</source>
        <translation>No unacknowledged critical alerts</translation>
    </message>
</context>
<context>
    <name>AlertsWorkspace</name>
    <message>
        <source>Could not load the alerts: %1</source>
        <translation>Could not load the alerts: %1</translation>
    </message>
    <message>
        <source>New critical alert: %1 — %2</source>
        <translation>New critical alert: %1 — %2</translation>
    </message>
    <message>
        <source>No sound on this computer (Qt Multimedia unavailable): critical alerts only flash</source>
        <translation>No sound on this computer (Qt Multimedia unavailable): critical alerts only flash</translation>
    </message>
    <message>
        <source>The filter from the map could not be read; the queues are unchanged.</source>
        <translation>The filter from the map could not be read; the queues are unchanged.</translation>
    </message>
    <message>
        <source>Alerts behind the dashboard figure: %1 open alerts shown.</source>
        <translation>Alerts behind the dashboard figure: %1 open alerts shown.</translation>
    </message>
    <message>
        <source>Filter from the map applied: %1 alerts shown.</source>
        <translation>Filter from the map applied: %1 alerts shown.</translation>
    </message>
    <message>
        <source>Your role may not draft public warnings.</source>
        <translation>Your role may not draft public warnings.</translation>
    </message>
    <message>
        <source>No warning drafted: the area from the map is not valid. %1</source>
        <translation>No warning drafted: the area from the map is not valid. %1</translation>
    </message>
    <message>
        <source>A new public warning is open with the area drawn on the map.</source>
        <translation>A new public warning is open with the area drawn on the map.</translation>
    </message>
    <message>
        <source>%1: %2 alerts</source>
        <translation>%1: %2 alerts</translation>
    </message>
    <message>
        <source>Alert queues: acknowledge the alert (or all marked ones)</source>
        <translation>Alert queues: acknowledge the alert (or all marked ones)</translation>
    </message>
    <message>
        <source>Alert queues: verify the alert on camera…</source>
        <translation>Alert queues: verify the alert on camera…</translation>
    </message>
    <message>
        <source>Alert queues: dispatch the alert (or all marked ones) to a unit…</source>
        <translation>Alert queues: dispatch the alert (or all marked ones) to a unit…</translation>
    </message>
    <message>
        <source>Alert queues: start handling the alert</source>
        <translation>Alert queues: start handling the alert</translation>
    </message>
    <message>
        <source>Alert queues: close the alert (or all marked ones)…</source>
        <translation>Alert queues: close the alert (or all marked ones)…</translation>
    </message>
    <message>
        <source>Alert queues: add a note to the alert…</source>
        <translation>Alert queues: add a note to the alert…</translation>
    </message>
    <message>
        <source>Alert queues: false alarm (the alert or all marked ones)…</source>
        <translation>Alert queues: false alarm (the alert or all marked ones)…</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Public warnings</source>
        <translation>Public warnings</translation>
    </message>
    <message>
        <source>Funnel and false alarms</source>
        <translation>Funnel and false alarms</translation>
    </message>
    <message>
        <source>Filter: analytic, place, camera, owner, #id</source>
        <translation>Filter: analytic, place, camera, owner, #id</translation>
    </message>
    <message>
        <source>Mute the critical-alert sound</source>
        <translation>Mute the critical-alert sound</translation>
    </message>
    <message>
        <source>Volume of the critical-alert sound</source>
        <translation>Volume of the critical-alert sound</translation>
    </message>
    <message>
        <source>Your role does not see alerts.</source>
        <translation>Your role does not see alerts.</translation>
    </message>
    <message>
        <source>Alert &amp;ticker</source>
        <translation>Alert &amp;ticker</translation>
    </message>
</context>
<context>
    <name>BriefingMode</name>
    <message>
        <source>Blank screen (B to show)</source>
        <extracomment>Fonts grow by this much on the big screen (12 pt → 21 pt: readable from the back of the room).</extracomment>
        <translation>Blank screen (B to show)</translation>
    </message>
    <message>
        <source>Next page every %1 s</source>
        <translation>Next page every %1 s</translation>
    </message>
    <message>
        <source>Rotation paused (A to resume)</source>
        <translation>Rotation paused (A to resume)</translation>
    </message>
</context>
<context>
    <name>BriefingPack</name>
    <message>
        <source>time not known</source>
        <extracomment>The pages&apos; pictures are asked for at this size (pixels), then fitted to the page. After a page is brought up on screen (a workspace shown, a view applied) it is given this long to paint before its picture is taken. Then its ``ready()`` is asked this often (a timer: the window keeps painting, Cancel is heard)... ...for at most this long; past it the page is pictured as it is, with a note saying so.</extracomment>
        <translation>time not known</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>as of %1</translation>
    </message>
    <message>
        <source>offline cache</source>
        <translation>offline cache</translation>
    </message>
</context>
<context>
    <name>BriefingPackBuilder</name>
    <message>
        <source>Briefing pack</source>
        <translation>Briefing pack</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>the PDF could not be started</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Cover</translation>
    </message>
    <message>
        <source>a page could not be added to the PDF</source>
        <translation>a page could not be added to the PDF</translation>
    </message>
    <message>
        <source>the file could not be written</source>
        <translation>the file could not be written</translation>
    </message>
    <message>
        <source>Made %1 by %2</source>
        <translation>Made %1 by %2</translation>
    </message>
    <message>
        <source>Intelligent Operations Centre, Huế</source>
        <translation>Intelligent Operations Centre, Huế</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Figures not yet fresh: the page was pictured before its figures were updated.</source>
        <translation>Figures not yet fresh: the page was pictured before its figures were updated.</translation>
    </message>
    <message>
        <source>No picture: %1</source>
        <translation>No picture: %1</translation>
    </message>
    <message>
        <source>Figures not available: %1</source>
        <translation>Figures not available: %1</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Key figures</translation>
    </message>
    <message>
        <source>None on this page.</source>
        <translation>None on this page.</translation>
    </message>
</context>
<context>
    <name>BriefingSetupDialog</name>
    <message>
        <source>Briefing pages</source>
        <translation>Briefing pages</translation>
    </message>
    <message>
        <source>Tick the pages to show on the leaders&apos; screen and in the briefing pack; drag them, or use Up and Down, to set their order.</source>
        <translation>Tick the pages to show on the leaders&apos; screen and in the briefing pack; drag them, or use Up and Down, to set their order.</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Down</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Each page stays up for</source>
        <translation>Each page stays up for</translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <source>Remove from favourites</source>
        <translation>Remove from favourites</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>Add to favourites</translation>
    </message>
    <message>
        <source>Search cameras (name, ward, id)…</source>
        <translation>Search cameras (name, ward, id)…</translation>
    </message>
    <message>
        <source>Group by ward</source>
        <translation>Group by ward</translation>
    </message>
    <message>
        <source>Group by category</source>
        <translation>Group by category</translation>
    </message>
    <message>
        <source>Tour this group on the wall</source>
        <translation>Tour this group on the wall</translation>
    </message>
</context>
<context>
    <name>CameraTreeModel</name>
    <message>
        <source>online</source>
        <extracomment>MIME type of a camera drag: a JSON list of camera ids (one camera, or a whole group in order).</extracomment>
        <translation>online</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>degraded</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>★ Favourites</source>
        <translation>★ Favourites</translation>
    </message>
    <message>
        <source>(no ward)</source>
        <translation>(no ward)</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <source>Drag the group onto the wall to show all its cameras</source>
        <translation>Drag the group onto the wall to show all its cameras</translation>
    </message>
    <message>
        <source>, PTZ</source>
        <translation>, PTZ</translation>
    </message>
</context>
<context>
    <name>CapImporter</name>
    <message>
        <source>Import a CAP 1.2 warning</source>
        <extracomment>The server&apos;s limit for a CAP document (POST /warnings/import answers 413 above it).</extracomment>
        <translation>Import a CAP 1.2 warning</translation>
    </message>
    <message>
        <source>CAP documents (*.xml *.cap)</source>
        <translation>CAP documents (*.xml *.cap)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Warning imported</source>
        <translation>Warning imported</translation>
    </message>
    <message>
        <source>The warning was imported as #%1 and is shown with the other agencies&apos; warnings.</source>
        <translation>The warning was imported as #%1 and is shown with the other agencies&apos; warnings.</translation>
    </message>
    <message>
        <source>The file is too large for a CAP warning: %1 KiB, at most %2 KiB.</source>
        <translation>The file is too large for a CAP warning: %1 KiB, at most %2 KiB.</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>The file could not be read: %1</translation>
    </message>
    <message>
        <source>The server refused the file: it is larger than 1 MiB.</source>
        <translation>The server refused the file: it is larger than 1 MiB.</translation>
    </message>
    <message>
        <source>The server refused the file: it is not sent as XML.</source>
        <translation>The server refused the file: it is not sent as XML.</translation>
    </message>
    <message>
        <source>This is not a valid CAP 1.2 warning, so nothing was imported.
The server says: %1</source>
        <translation>This is not a valid CAP 1.2 warning, so nothing was imported.
The server says: %1</translation>
    </message>
    <message>
        <source>This warning was already imported (same identifier and sender); nothing changed.</source>
        <translation>This warning was already imported (same identifier and sender); nothing changed.</translation>
    </message>
    <message>
        <source>Your role may not import warnings.</source>
        <translation>Your role may not import warnings.</translation>
    </message>
    <message>
        <source>The file is empty: there is no warning in it.</source>
        <translation>The file is empty: there is no warning in it.</translation>
    </message>
    <message>
        <source>The warning could not be imported: %1</source>
        <translation>The warning could not be imported: %1</translation>
    </message>
    <message>
        <source>Warning not imported</source>
        <translation>Warning not imported</translation>
    </message>
</context>
<context>
    <name>CloseAlertDialog</name>
    <message>
        <source>Close alert</source>
        <translation>Close alert</translation>
    </message>
    <message>
        <source>Close alert #%1 — why?</source>
        <translation>Close alert #%1 — why?</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Note (optional):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConclusionDialog</name>
    <message>
        <source>Record a conclusion</source>
        <translation>Record a conclusion</translation>
    </message>
    <message>
        <source>Assign a task to a unit</source>
        <translation>Assign a task to a unit</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Write the conclusion.</source>
        <translation>Write the conclusion.</translation>
    </message>
    <message>
        <source>Give the task a title.</source>
        <translation>Give the task a title.</translation>
    </message>
    <message>
        <source>Choose the unit that carries out the task.</source>
        <translation>Choose the unit that carries out the task.</translation>
    </message>
    <message>
        <source>The deadline has already passed.</source>
        <translation>The deadline has already passed.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Conflict not resolved</source>
        <translation>Conflict not resolved</translation>
    </message>
    <message>
        <source>Your choice could not be saved: %1</source>
        <translation>Your choice could not be saved: %1</translation>
    </message>
    <message>
        <source>No conflict selected.</source>
        <translation>No conflict selected.</translation>
    </message>
    <message>
        <source>%1 if it was new</source>
        <translation>%1 if it was new</translation>
    </message>
    <message>
        <source>%1 if it had none</source>
        <translation>%1 if it had none</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Dispatched to</source>
        <translation>Dispatched to</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Close reason</source>
        <translation>Close reason</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Current agenda item</source>
        <translation>Current agenda item</translation>
    </message>
    <message>
        <source>Someone changed these on the server after you acted. Compare, then re-apply your action on the new version or drop it. Nothing is sent until you choose.</source>
        <translation>Someone changed these on the server after you acted. Compare, then re-apply your action on the new version or drop it. Nothing is sent until you choose.</translation>
    </message>
    <message>
        <source>What I did</source>
        <translation>What I did</translation>
    </message>
    <message>
        <source>What the server has now</source>
        <translation>What the server has now</translation>
    </message>
    <message>
        <source>Re-apply on the new version</source>
        <translation>Re-apply on the new version</translation>
    </message>
    <message>
        <source>Drop my action</source>
        <translation>Drop my action</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>— trying now…</source>
        <translation>— trying now…</translation>
    </message>
    <message>
        <source>— next try in %1 s</source>
        <translation>— next try in %1 s</translation>
    </message>
    <message>
        <source>Unstable</source>
        <translation>Unstable</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connected to the IOC backend; live events are arriving.</source>
        <translation>Connected to the IOC backend; live events are arriving.</translation>
    </message>
    <message>
        <source>The IOC backend answers slowly or with errors; the console keeps retrying. Your actions are saved and will be sent.</source>
        <translation>The IOC backend answers slowly or with errors; the console keeps retrying. Your actions are saved and will be sent.</translation>
    </message>
    <message>
        <source>The IOC backend cannot be reached. You are working on saved data; your actions are kept and sent when the connection returns.</source>
        <translation>The IOC backend cannot be reached. You are working on saved data; your actions are kept and sent when the connection returns.</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <source>Demo could not start</source>
        <translation>Demo could not start</translation>
    </message>
    <message>
        <source>The built-in demo backend could not be started: %1</source>
        <translation>The built-in demo backend could not be started: %1</translation>
    </message>
</context>
<context>
    <name>Dashboards</name>
    <message>
        <source>Citizen reports</source>
        <translation>Citizen reports</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <source>AI alerts</source>
        <translation>AI alerts</translation>
    </message>
    <message>
        <source>Reports received</source>
        <translation>Reports received</translation>
    </message>
    <message>
        <source>Reports processed</source>
        <translation>Reports processed</translation>
    </message>
    <message>
        <source>Reports still open</source>
        <translation>Reports still open</translation>
    </message>
    <message>
        <source>Reports processed (share)</source>
        <translation>Reports processed (share)</translation>
    </message>
    <message>
        <source>Reports with a deadline</source>
        <translation>Reports with a deadline</translation>
    </message>
    <message>
        <source>Reports processed on time</source>
        <translation>Reports processed on time</translation>
    </message>
    <message>
        <source>Processed on time (share)</source>
        <translation>Processed on time (share)</translation>
    </message>
    <message>
        <source>Reports rated by citizens</source>
        <translation>Reports rated by citizens</translation>
    </message>
    <message>
        <source>Satisfied citizens</source>
        <translation>Satisfied citizens</translation>
    </message>
    <message>
        <source>Citizen satisfaction</source>
        <translation>Citizen satisfaction</translation>
    </message>
    <message>
        <source>Mean rating (1–5)</source>
        <translation>Mean rating (1–5)</translation>
    </message>
    <message>
        <source>Cameras working</source>
        <translation>Cameras working</translation>
    </message>
    <message>
        <source>Cameras degraded</source>
        <translation>Cameras degraded</translation>
    </message>
    <message>
        <source>Cameras without signal</source>
        <translation>Cameras without signal</translation>
    </message>
    <message>
        <source>Camera availability</source>
        <translation>Camera availability</translation>
    </message>
    <message>
        <source>Tasks open</source>
        <translation>Tasks open</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>Tasks done</translation>
    </message>
    <message>
        <source>Tasks done on time</source>
        <translation>Tasks done on time</translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation>Tasks overdue</translation>
    </message>
    <message>
        <source>Tasks without a deadline</source>
        <translation>Tasks without a deadline</translation>
    </message>
    <message>
        <source>Sensors normal</source>
        <translation>Sensors normal</translation>
    </message>
    <message>
        <source>Sensors at warning level</source>
        <translation>Sensors at warning level</translation>
    </message>
    <message>
        <source>Sensors in alarm</source>
        <translation>Sensors in alarm</translation>
    </message>
    <message>
        <source>Sensors without signal</source>
        <translation>Sensors without signal</translation>
    </message>
    <message>
        <source>AI detections</source>
        <translation>AI detections</translation>
    </message>
    <message>
        <source>Alerts confirmed</source>
        <translation>Alerts confirmed</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>False alarms</translation>
    </message>
    <message>
        <source>Public warnings issued</source>
        <translation>Public warnings issued</translation>
    </message>
    <message>
        <source>Alerts dispatched</source>
        <translation>Alerts dispatched</translation>
    </message>
    <message>
        <source>Alerts closed</source>
        <translation>Alerts closed</translation>
    </message>
    <message>
        <source>per ward</source>
        <translation>per ward</translation>
    </message>
    <message>
        <source>per channel</source>
        <translation>per channel</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>per day</translation>
    </message>
    <message>
        <source>per unit</source>
        <translation>per unit</translation>
    </message>
    <message>
        <source>per kind</source>
        <translation>per kind</translation>
    </message>
    <message>
        <source>per category</source>
        <translation>per category</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Warned</source>
        <translation>Warned</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>Leadership</source>
        <translation>Leadership</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>as of %1</translation>
    </message>
    <message>
        <source>offline cache · as of %1</source>
        <translation>offline cache · as of %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Alert funnel</source>
        <translation>Alert funnel</translation>
    </message>
    <message>
        <source>Click to open the records behind this figure</source>
        <translation>Click to open the records behind this figure</translation>
    </message>
    <message>
        <source>No figures yet: %1</source>
        <translation>No figures yet: %1</translation>
    </message>
</context>
<context>
    <name>DashboardsWorkspace</name>
    <message>
        <source>&amp;Dashboard:</source>
        <extracomment>A dashboard became current and its cards exist (tests, briefing). Every request of the current dashboard has an answer shown (fresh or from the cache). During a briefing or a pack: (id, definition) of the dashboard the user had on screen, with its unsaved period and ward; None otherwise (then the one on screen is the user&apos;s).</extracomment>
        <translation>&amp;Dashboard:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>From (Huế time)</source>
        <translation>From (Huế time)</translation>
    </message>
    <message>
        <source>Until (Huế time)</source>
        <translation>Until (Huế time)</translation>
    </message>
    <message>
        <source>&amp;Ward:</source>
        <translation>&amp;Ward:</translation>
    </message>
    <message>
        <source>Re&amp;fresh the figures now</source>
        <translation>Re&amp;fresh the figures now</translation>
    </message>
    <message>
        <source>Save a copy, rename or delete dashboards</source>
        <translation>Save a copy, rename or delete dashboards</translation>
    </message>
    <message>
        <source>&amp;Save a copy as…</source>
        <translation>&amp;Save a copy as…</translation>
    </message>
    <message>
        <source>&amp;Keep the period and ward in this dashboard</source>
        <translation>&amp;Keep the period and ward in this dashboard</translation>
    </message>
    <message>
        <source>&amp;Edit the figures and layout…</source>
        <translation>&amp;Edit the figures and layout…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Rename…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source> (waiting to send)</source>
        <translation> (waiting to send)</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>All wards</translation>
    </message>
    <message>
        <source>There is no dashboard named “%1” on this console.</source>
        <translation>There is no dashboard named “%1” on this console.</translation>
    </message>
    <message>
        <source>The period must start before it ends.</source>
        <translation>The period must start before it ends.</translation>
    </message>
    <message>
        <source>The records behind this figure cannot be opened here.</source>
        <translation>The records behind this figure cannot be opened here.</translation>
    </message>
    <message>
        <source>The saved dashboard “%1” could not be read and is not shown: %2</source>
        <translation>The saved dashboard “%1” could not be read and is not shown: %2</translation>
    </message>
    <message>
        <source>Save a copy of the dashboard</source>
        <translation>Save a copy of the dashboard</translation>
    </message>
    <message>
        <source>Name of the new dashboard (its figures, period and ward are saved):</source>
        <translation>Name of the new dashboard (its figures, period and ward are saved):</translation>
    </message>
    <message>
        <source>Sign in first: dashboards are saved for your account.</source>
        <translation>Sign in first: dashboards are saved for your account.</translation>
    </message>
    <message>
        <source>Rename the dashboard</source>
        <translation>Rename the dashboard</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>Delete the dashboard</source>
        <translation>Delete the dashboard</translation>
    </message>
    <message>
        <source>Delete the dashboard “%1”?</source>
        <translation>Delete the dashboard “%1”?</translation>
    </message>
    <message>
        <source>The change to your dashboards was NOT made: %1</source>
        <translation>The change to your dashboards was NOT made: %1</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Dashboards</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>from %1 to %2</translation>
    </message>
</context>
<context>
    <name>DefinitionEditor</name>
    <message>
        <source>Dashboard figures and layout</source>
        <translation>Dashboard figures and layout</translation>
    </message>
    <message>
        <source>Each widget: kind (tile, bars, line, funnel), source (reports, cameras, tasks, sensors, alert_funnel), figure, group_by, and its place on the 6-column grid (row, col, row_span, col_span). Filters: period (today, 7d, 30d, custom) and ward.</source>
        <translation>Each widget: kind (tile, bars, line, funnel), source (reports, cameras, tasks, sensors, alert_funnel), figure, group_by, and its place on the 6-column grid (row, col, row_span, col_span). Filters: period (today, 7d, 30d, custom) and ward.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>DispatchAlertDialog</name>
    <message>
        <source>The unit name is too long: %1 characters, at most %2.</source>
        <translation>The unit name is too long: %1 characters, at most %2.</translation>
    </message>
    <message>
        <source>Dispatch alert</source>
        <translation>Dispatch alert</translation>
    </message>
    <message>
        <source>Dispatch alert #%1 to the unit in charge</source>
        <translation>Dispatch alert #%1 to the unit in charge</translation>
    </message>
    <message>
        <source>Already dispatched to %1 by %2 at %3. A new unit replaces it.</source>
        <translation>Already dispatched to %1 by %2 at %3. A new unit replaces it.</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <source>Choose from the list or type the unit&apos;s name</source>
        <translation>Choose from the list or type the unit&apos;s name</translation>
    </message>
    <message>
        <source>Suggestions for this kind of alert, most relevant first. You may also type another unit.</source>
        <translation>Suggestions for this kind of alert, most relevant first. You may also type another unit.</translation>
    </message>
    <message>
        <source>The alert moves to “%1”.</source>
        <translation>The alert moves to “%1”.</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Note (optional):</translation>
    </message>
    <message>
        <source>What the unit should know</source>
        <translation>What the unit should know</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DocumentReader</name>
    <message>
        <source>This meeting has no documents.</source>
        <extracomment>Documents kept open in memory, so following a presenter between documents is instant. {&quot;kind&quot;: &quot;document&quot;, &quot;document_id&quot;, &quot;page&quot;, &quot;zoom&quot;}: what the reader shows now</extracomment>
        <translation>This meeting has no documents.</translation>
    </message>
    <message>
        <source>Choose a document to read.</source>
        <translation>Choose a document to read.</translation>
    </message>
    <message>
        <source>This document was removed from the meeting.</source>
        <translation>This document was removed from the meeting.</translation>
    </message>
    <message>
        <source>Opening “%1”…</source>
        <translation>Opening “%1”…</translation>
    </message>
    <message>
        <source>The saved copy of this document is damaged and the server cannot be reached. It will be fetched again when the connection is back.</source>
        <translation>The saved copy of this document is damaged and the server cannot be reached. It will be fetched again when the connection is back.</translation>
    </message>
    <message>
        <source>This document was not saved for offline reading and the server cannot be reached.</source>
        <translation>This document was not saved for offline reading and the server cannot be reached.</translation>
    </message>
    <message>
        <source>The document could not be opened: %1</source>
        <translation>The document could not be opened: %1</translation>
    </message>
    <message>
        <source>Saved for offline reading</source>
        <translation>Saved for offline reading</translation>
    </message>
    <message>
        <source>Fetched from the server; saved for offline reading</source>
        <translation>Fetched from the server; saved for offline reading</translation>
    </message>
    <message>
        <source>The saved copy was damaged; fetched again</source>
        <translation>The saved copy was damaged; fetched again</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>⏳ %2 — waiting to send · %1</source>
        <extracomment>Put in front of a row&apos;s summary while the operator&apos;s action on it waits in the outbox (in front, because the end of a long summary is cut off in a narrow column).</extracomment>
        <translation>⏳ %2 — waiting to send · %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Severity / status</source>
        <translation>Severity / status</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>EventLogView</name>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Ward, camera, analytic, status… (%1)</source>
        <translation>Ward, camera, analytic, status… (%1)</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>Warning and critical</source>
        <translation>Warning and critical</translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation>Critical only</translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation>Follow newest</translation>
    </message>
    <message>
        <source>Keep the newest event in view as events arrive</source>
        <translation>Keep the newest event in view as events arrive</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Events: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Shown: %1 of %2</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>AI alert</source>
        <translation>AI alert</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Public warning</source>
        <translation>Public warning</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>Being handled</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Action scheduled</source>
        <translation>Action scheduled</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Not our responsibility</source>
        <translation>Not our responsibility</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>No signal</source>
        <translation>No signal</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Degraded</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>In session</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>From another agency</source>
        <translation>From another agency</translation>
    </message>
    <message>
        <source>Warning update</source>
        <translation>Warning update</translation>
    </message>
    <message>
        <source>Warning cancelled</source>
        <translation>Warning cancelled</translation>
    </message>
    <message>
        <source>exercise</source>
        <translation>exercise</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>system message</source>
        <translation>system message</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>false alarm</source>
        <translation>false alarm</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <source>no action needed</source>
        <translation>no action needed</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>Hue-S app</source>
        <translation>Hue-S app</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Meeting participant</source>
        <translation>Meeting participant</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Verified: %1 by %2 %3</source>
        <translation>Verified: %1 by %2 %3</translation>
    </message>
    <message>
        <source>Dispatched to %1 by %2 %3</source>
        <translation>Dispatched to %1 by %2 %3</translation>
    </message>
    <message>
        <source>%n detections</source>
        <translation>%n detections</translation>
    </message>
    <message>
        <source>SLA breached at %1</source>
        <translation>SLA breached at %1</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA breached</translation>
    </message>
    <message>
        <source>%1 %2 was removed</source>
        <translation>%1 %2 was removed</translation>
    </message>
    <message>
        <source>%1 at camera %2, confidence %3%</source>
        <translation>%1 at camera %2, confidence %3%</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>no reading</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Camera %1 (%2): %3</source>
        <translation>Camera %1 (%2): %3</translation>
    </message>
    <message>
        <source>Task “%1” for %2: %3</source>
        <translation>Task “%1” for %2: %3</translation>
    </message>
    <message>
        <source>Meeting “%1” at %2: %3</source>
        <translation>Meeting “%1” at %2: %3</translation>
    </message>
    <message>
        <source>%1 “%2”: %3</source>
        <translation>%1 “%2”: %3</translation>
    </message>
    <message>
        <source>from alert #%1</source>
        <translation>from alert #%1</translation>
    </message>
</context>
<context>
    <name>EventsWorkspace</name>
    <message>
        <source>Event log: acknowledge the selected alert</source>
        <translation>Event log: acknowledge the selected alert</translation>
    </message>
    <message>
        <source>Event log: verify the selected alert on camera (real incident or false alarm)…</source>
        <translation>Event log: verify the selected alert on camera (real incident or false alarm)…</translation>
    </message>
    <message>
        <source>Event log: dispatch the selected alert to a unit…</source>
        <translation>Event log: dispatch the selected alert to a unit…</translation>
    </message>
    <message>
        <source>Event log: start handling the selected alert</source>
        <translation>Event log: start handling the selected alert</translation>
    </message>
    <message>
        <source>Event log: close the selected alert…</source>
        <translation>Event log: close the selected alert…</translation>
    </message>
    <message>
        <source>Event log: add a note to the selected alert…</source>
        <translation>Event log: add a note to the selected alert…</translation>
    </message>
    <message>
        <source>Event log: save the current filters as a view…</source>
        <translation>Event log: save the current filters as a view…</translation>
    </message>
    <message>
        <source>Show all events</source>
        <translation>Show all events</translation>
    </message>
    <message>
        <source>The report filter could not be read; the event log is unchanged.</source>
        <translation>The report filter could not be read; the event log is unchanged.</translation>
    </message>
    <message>
        <source>Citizen reports</source>
        <translation>Citizen reports</translation>
    </message>
    <message>
        <source>the newest %1 of %2 matching</source>
        <translation>the newest %1 of %2 matching</translation>
    </message>
    <message>
        <source>%1 matching</source>
        <translation>%1 matching</translation>
    </message>
    <message>
        <source>Events received: %1</source>
        <translation>Events received: %1</translation>
    </message>
    <message>
        <source>Last event: none yet</source>
        <translation>Last event: none yet</translation>
    </message>
    <message>
        <source>Last event: %1</source>
        <translation>Last event: %1</translation>
    </message>
    <message>
        <source>Could not load recent alerts: %1</source>
        <translation>Could not load recent alerts: %1</translation>
    </message>
</context>
<context>
    <name>FunnelModel</name>
    <message>
        <source>Detected</source>
        <extracomment>The funnel&apos;s stages, in the order a detection travels (also the chart&apos;s bars).</extracomment>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>False alarms</translation>
    </message>
    <message>
        <source>Warned</source>
        <translation>Warned</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Median to acknowledge</source>
        <translation>Median to acknowledge</translation>
    </message>
    <message>
        <source>Median to close</source>
        <translation>Median to close</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>Analytic</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <source>&amp;Period:</source>
        <extracomment>Period choices: key -&gt; length (None: the operator picks both ends).</extracomment>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Group by:</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>Analytic</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>From (Huế time)</source>
        <translation>From (Huế time)</translation>
    </message>
    <message>
        <source>Until (Huế time)</source>
        <translation>Until (Huế time)</translation>
    </message>
    <message>
        <source>False alarms per camera and analytic (detectors to tune first)</source>
        <translation>False alarms per camera and analytic (detectors to tune first)</translation>
    </message>
    <message>
        <source>Alert funnel</source>
        <translation>Alert funnel</translation>
    </message>
    <message>
        <source>The period must start before it ends.</source>
        <translation>The period must start before it ends.</translation>
    </message>
    <message>
        <source>Loading the funnel…</source>
        <translation>Loading the funnel…</translation>
    </message>
    <message>
        <source>From %1 to %2 (Huế time)</source>
        <translation>From %1 to %2 (Huế time)</translation>
    </message>
    <message>
        <source>The funnel could not be loaded: %1</source>
        <translation>The funnel could not be loaded: %1</translation>
    </message>
</context>
<context>
    <name>LayerControls</name>
    <message>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Legend</translation>
    </message>
    <message>
        <source>Density view</source>
        <translation>Density view</translation>
    </message>
    <message>
        <source>Colour the map by how many reports are in each small square</source>
        <translation>Colour the map by how many reports are in each small square</translation>
    </message>
    <message>
        <source>Ward areas are simplified: cells around each ward&apos;s centre, not legal boundaries.</source>
        <translation>Ward areas are simplified: cells around each ward&apos;s centre, not legal boundaries.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Enter both your username and your password.</source>
        <translation>Enter both your username and your password.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Wait a while, then try again.</source>
        <translation>Too many failed sign-ins. Wait a while, then try again.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in %1.</source>
        <translation>Too many failed sign-ins. Try again in %1.</translation>
    </message>
    <message>
        <source>The server is busy with many sign-ins at once. Try again in a few seconds.</source>
        <translation>The server is busy with many sign-ins at once. Try again in a few seconds.</translation>
    </message>
    <message>
        <source>Wrong username or password. Check them and try again.</source>
        <translation>Wrong username or password. Check them and try again.</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified. Ask IT for the right certificate bundle (--ca-bundle).</source>
        <translation>The server&apos;s security certificate could not be verified. Ask IT for the right certificate bundle (--ca-bundle).</translation>
    </message>
    <message>
        <source>Cannot reach the IOC backend at %1. Check the network connection and try again.</source>
        <translation>Cannot reach the IOC backend at %1. Check the network connection and try again.</translation>
    </message>
    <message>
        <source>The backend refused the sign-in: %1</source>
        <translation>The backend refused the sign-in: %1</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: %1</source>
        <translation>Sign-in failed unexpectedly: %1</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 second</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 seconds</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>Open &amp;offline</source>
        <translation>Open &amp;offline</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>This computer holds your data as of %1. You can open the console offline now; your actions are kept and sent when the server is back.</source>
        <translation>This computer holds your data as of %1. You can open the console offline now; your actions are kept and sent when the server is back.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Sign in — IOC Huế</source>
        <translation>Sign in — IOC Huế</translation>
    </message>
    <message>
        <source>Sign in to the IOC console</source>
        <translation>Sign in to the IOC console</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to continue; the screen keeps its data meanwhile.</source>
        <translation>Your session has ended. Sign in again to continue; the screen keeps its data meanwhile.</translation>
    </message>
    <message>
        <source>Use the account issued to you by the operations centre.</source>
        <translation>Use the account issued to you by the operations centre.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Show workspace: %1</source>
        <extracomment>Who may show the briefing and export its pack (they show operational data). How long a page brought up for the pack may paint before it is pictured (tests shorten it).</extracomment>
        <translation>Show workspace: %1</translation>
    </message>
    <message>
        <source>Search / filter the current view</source>
        <translation>Search / filter the current view</translation>
    </message>
    <message>
        <source>Full screen on / off</source>
        <translation>Full screen on / off</translation>
    </message>
    <message>
        <source>Switch language (Tiếng Việt / English)</source>
        <translation>Switch language (Tiếng Việt / English)</translation>
    </message>
    <message>
        <source>Try to reach the server now</source>
        <translation>Try to reach the server now</translation>
    </message>
    <message>
        <source>Briefing mode: full screen for the leaders&apos; screen</source>
        <translation>Briefing mode: full screen for the leaders&apos; screen</translation>
    </message>
    <message>
        <source>Show / hide pending actions</source>
        <translation>Show / hide pending actions</translation>
    </message>
    <message>
        <source>Show / hide conflicts</source>
        <translation>Show / hide conflicts</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>This list of shortcuts</translation>
    </message>
    <message>
        <source>Quit the console</source>
        <translation>Quit the console</translation>
    </message>
    <message>
        <source>About the IOC console</source>
        <translation>About the IOC console</translation>
    </message>
    <message>
        <source>IOC Huế operator console %1
Backend: %2</source>
        <translation>IOC Huế operator console %1
Backend: %2</translation>
    </message>
    <message>
        <source>No briefing page is chosen: choose them in Briefing ▸ Choose briefing pages…</source>
        <translation>No briefing page is chosen: choose them in Briefing ▸ Choose briefing pages…</translation>
    </message>
    <message>
        <source>Save the briefing pack</source>
        <translation>Save the briefing pack</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Making the briefing pack…</source>
        <translation>Making the briefing pack…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Briefing pack</source>
        <translation>Briefing pack</translation>
    </message>
    <message>
        <source>Making the briefing pack: %1 (%2 / %3)</source>
        <translation>Making the briefing pack: %1 (%2 / %3)</translation>
    </message>
    <message>
        <source>Briefing pack saved: %1</source>
        <translation>Briefing pack saved: %1</translation>
    </message>
    <message>
        <source>Briefing pack not saved</source>
        <translation>Briefing pack not saved</translation>
    </message>
    <message>
        <source>The briefing pack could not be written to
%1

%2</source>
        <translation>The briefing pack could not be written to
%1

%2</translation>
    </message>
    <message>
        <source>Briefing pack cancelled: no file was written</source>
        <translation>Briefing pack cancelled: no file was written</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Offline: data as of %1</source>
        <translation>Offline: data as of %1</translation>
    </message>
    <message>
        <source>Waiting to send: %1</source>
        <translation>Waiting to send: %1</translation>
    </message>
    <message>
        <source>Your actions saved on this computer and not yet confirmed by the server. They are sent in order as soon as the server answers.</source>
        <translation>Your actions saved on this computer and not yet confirmed by the server. They are sent in order as soon as the server answers.</translation>
    </message>
    <message>
        <source>Conflicts: %1 — decide</source>
        <translation>Conflicts: %1 — decide</translation>
    </message>
    <message>
        <source>The data saved on this computer was written by a newer version of the console.</source>
        <translation>The data saved on this computer was written by a newer version of the console.</translation>
    </message>
    <message>
        <source>The data saved on this computer was damaged.</source>
        <translation>The data saved on this computer was damaged.</translation>
    </message>
    <message>
        <source>Local data was reset</source>
        <translation>Local data was reset</translation>
    </message>
    <message>
        <source>%1 It was moved aside to:
%2
The console starts with empty local data and fills it again from the server.</source>
        <translation>%1 It was moved aside to:
%2
The console starts with empty local data and fills it again from the server.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Signed in as %1</translation>
    </message>
    <message>
        <source>IOC Huế — Operator console</source>
        <translation>IOC Huế — Operator console</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Find / filter</source>
        <translation>&amp;Find / filter</translation>
    </message>
    <message>
        <source>F&amp;ull screen</source>
        <translation>F&amp;ull screen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Switch to English</translation>
    </message>
    <message>
        <source>Switch to Vietnamese</source>
        <translation>Switch to Vietnamese</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Sign in…</translation>
    </message>
    <message>
        <source>&amp;Pending actions</source>
        <translation>&amp;Pending actions</translation>
    </message>
    <message>
        <source>&amp;Conflicts</source>
        <translation>&amp;Conflicts</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Reconnect now</translation>
    </message>
    <message>
        <source>&amp;Briefing</source>
        <translation>&amp;Briefing</translation>
    </message>
    <message>
        <source>&amp;Briefing mode</source>
        <translation>&amp;Briefing mode</translation>
    </message>
    <message>
        <source>&amp;Choose briefing pages…</source>
        <translation>&amp;Choose briefing pages…</translation>
    </message>
    <message>
        <source>&amp;Export briefing pack (PDF)…</source>
        <translation>&amp;Export briefing pack (PDF)…</translation>
    </message>
    <message>
        <source>Pending actions</source>
        <translation>Pending actions</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>TLS verification OFF</source>
        <translation>TLS verification OFF</translation>
    </message>
    <message>
        <source>Started with --insecure-no-verify: the server&apos;s identity is not being checked.</source>
        <translation>Started with --insecure-no-verify: the server&apos;s identity is not being checked.</translation>
    </message>
</context>
<context>
    <name>MapDetailPanel</name>
    <message>
        <source>Traffic</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>Urban order</source>
        <translation>Urban order</translation>
    </message>
    <message>
        <source>Public safety</source>
        <translation>Public safety</translation>
    </message>
    <message>
        <source>Forest fire</source>
        <translation>Forest fire</translation>
    </message>
    <message>
        <source>Flooding</source>
        <translation>Flooding</translation>
    </message>
    <message>
        <source>Tourism</source>
        <translation>Tourism</translation>
    </message>
    <message>
        <source>Water level</source>
        <translation>Water level</translation>
    </message>
    <message>
        <source>Rainfall</source>
        <translation>Rainfall</translation>
    </message>
    <message>
        <source>Fine dust (PM2.5)</source>
        <translation>Fine dust (PM2.5)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Landslide (tilt)</source>
        <translation>Landslide (tilt)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Verify…</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>Dispatch…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>Open camera</source>
        <translation>Open camera</translation>
    </message>
    <message>
        <source>Show in alert queue</source>
        <translation>Show in alert queue</translation>
    </message>
    <message>
        <source>Open on video wall</source>
        <translation>Open on video wall</translation>
    </message>
    <message>
        <source>Nearest cameras</source>
        <translation>Nearest cameras</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Nothing selected</translation>
    </message>
    <message>
        <source>Click a marker on the map to see its details</source>
        <translation>Click a marker on the map to see its details</translation>
    </message>
    <message>
        <source>This record was deleted; it is no longer on the map.</source>
        <translation>This record was deleted; it is no longer on the map.</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>Analytic</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Detections</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Camera ID</source>
        <translation>Camera ID</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>Last value</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Headline</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Message type</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
</context>
<context>
    <name>MapFilterBar</name>
    <message>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Last hour</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Last 24 hours</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>Urban order</source>
        <translation>Urban order</translation>
    </message>
    <message>
        <source>Public safety</source>
        <translation>Public safety</translation>
    </message>
    <message>
        <source>Forest fire</source>
        <translation>Forest fire</translation>
    </message>
    <message>
        <source>Natural disaster</source>
        <translation>Natural disaster</translation>
    </message>
    <message>
        <source>Hue-S reports</source>
        <translation>Hue-S reports</translation>
    </message>
    <message>
        <source>Hotline tickets</source>
        <translation>Hotline tickets</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>New alerts</source>
        <translation>New alerts</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>All wards</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Apply to alert queue</source>
        <translation>Apply to alert queue</translation>
    </message>
    <message>
        <source>Narrow the alert queues to the alerts this filter shows on the map</source>
        <translation>Narrow the alert queues to the alerts this filter shows on the map</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>The period ends before it starts</source>
        <translation>The period ends before it starts</translation>
    </message>
</context>
<context>
    <name>MapLayers</name>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>AI alerts</source>
        <translation>AI alerts</translation>
    </message>
    <message>
        <source>Reports, hotline</source>
        <translation>Reports, hotline</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>Open tasks</translation>
    </message>
    <message>
        <source>Ward areas</source>
        <translation>Ward areas</translation>
    </message>
    <message>
        <source>Public warnings</source>
        <translation>Public warnings</translation>
    </message>
    <message>
        <source>Camera working (grey: no signal, amber: degraded)</source>
        <translation>Camera working (grey: no signal, amber: degraded)</translation>
    </message>
    <message>
        <source>Alert: colour is severity (red critical, amber warning, blue info)</source>
        <translation>Alert: colour is severity (red critical, amber warning, blue info)</translation>
    </message>
    <message>
        <source>Pulsing ring: new, not yet acknowledged</source>
        <translation>Pulsing ring: new, not yet acknowledged</translation>
    </message>
    <message>
        <source>Shape is the category: square traffic, diamond urban order</source>
        <translation>Shape is the category: square traffic, diamond urban order</translation>
    </message>
    <message>
        <source>triangle public safety, hexagon forest fire, circle disaster</source>
        <translation>triangle public safety, hexagon forest fire, circle disaster</translation>
    </message>
    <message>
        <source>Reports grouped: the number is how many (click to zoom in)</source>
        <translation>Reports grouped: the number is how many (click to zoom in)</translation>
    </message>
    <message>
        <source>Single report: amber open, grey processed</source>
        <translation>Single report: amber open, grey processed</translation>
    </message>
    <message>
        <source>Sensor: green normal, amber warning, red alarm, grey no signal</source>
        <translation>Sensor: green normal, amber warning, red alarm, grey no signal</translation>
    </message>
    <message>
        <source>Open task (red: overdue)</source>
        <translation>Open task (red: overdue)</translation>
    </message>
    <message>
        <source>Area of a public warning in force</source>
        <translation>Area of a public warning in force</translation>
    </message>
</context>
<context>
    <name>MapViewsControl</name>
    <message>
        <source>Save map view</source>
        <translation>Save map view</translation>
    </message>
    <message>
        <source>Name of the view (place, zoom, layers and filter are saved):</source>
        <translation>Name of the view (place, zoom, layers and filter are saved):</translation>
    </message>
    <message>
        <source>Delete map view</source>
        <translation>Delete map view</translation>
    </message>
    <message>
        <source>Delete the map view “%1”?</source>
        <translation>Delete the map view “%1”?</translation>
    </message>
    <message>
        <source>Sign in first: views are saved for your account.</source>
        <translation>Sign in first: views are saved for your account.</translation>
    </message>
    <message>
        <source>The change to your map views was NOT made: %1</source>
        <translation>The change to your map views was NOT made: %1</translation>
    </message>
    <message>
        <source>Map views</source>
        <translation>Map views</translation>
    </message>
    <message>
        <source>— Map views —</source>
        <translation>— Map views —</translation>
    </message>
    <message>
        <source> (waiting to send)</source>
        <translation> (waiting to send)</translation>
    </message>
    <message>
        <source>Map view</source>
        <translation>Map view</translation>
    </message>
    <message>
        <source>Save, update or delete map views</source>
        <translation>Save, update or delete map views</translation>
    </message>
    <message>
        <source>&amp;Save the map as a view…</source>
        <translation>&amp;Save the map as a view…</translation>
    </message>
    <message>
        <source>&amp;Update the selected view with the map</source>
        <translation>&amp;Update the selected view with the map</translation>
    </message>
    <message>
        <source>&amp;Delete the selected view…</source>
        <translation>&amp;Delete the selected view…</translation>
    </message>
</context>
<context>
    <name>MapWorkspace</name>
    <message>
        <source>Draw a circle: list what is inside it</source>
        <extracomment>Live changes are gathered this long and pushed to the page together. Changed reports (a clustered layer) are re-read at most this often while the map is seen. A shape around the whole city lists this many reports at most (read one by one from the cache). The zooms a SHOW_ON_MAP intent may ask for (as the presenter&apos;s map view, docs/API.md); the map itself stops at its base map&apos;s deepest zoom.</extracomment>
        <translation>Draw a circle: list what is inside it</translation>
    </message>
    <message>
        <source>Draw a polygon (double-click or click the first corner to close)</source>
        <translation>Draw a polygon (double-click or click the first corner to close)</translation>
    </message>
    <message>
        <source>Save a picture of the map (PNG)</source>
        <translation>Save a picture of the map (PNG)</translation>
    </message>
    <message>
        <source>Back to the whole city</source>
        <translation>Back to the whole city</translation>
    </message>
    <message>
        <source>The map cannot be shown: the console started without its map support. Restart the console.</source>
        <translation>The map cannot be shown: the console started without its map support. Restart the console.</translation>
    </message>
    <message>
        <source>Map: %1</source>
        <translation>Map: %1</translation>
    </message>
    <message>
        <source>Map background file not used: %1</source>
        <translation>Map background file not used: %1</translation>
    </message>
    <message>
        <source>Map tile server not used: %1</source>
        <translation>Map tile server not used: %1</translation>
    </message>
    <message>
        <source>The map page stopped and is being reloaded</source>
        <translation>The map page stopped and is being reloaded</translation>
    </message>
    <message>
        <source>The map could not read the offline data: %1</source>
        <translation>The map could not read the offline data: %1</translation>
    </message>
    <message>
        <source>Layers ready in %1 ms · data as of %2</source>
        <translation>Layers ready in %1 ms · data as of %2</translation>
    </message>
    <message>
        <source>offline cache</source>
        <translation>offline cache</translation>
    </message>
    <message>
        <source>No alert queues in this console</source>
        <translation>No alert queues in this console</translation>
    </message>
    <message>
        <source>Drag to draw the circle; Esc cancels</source>
        <translation>Drag to draw the circle; Esc cancels</translation>
    </message>
    <message>
        <source>Click the corners; double-click or click the first corner to close; Esc cancels</source>
        <translation>Click the corners; double-click or click the first corner to close; Esc cancels</translation>
    </message>
    <message>
        <source>Area drawn on the map</source>
        <translation>Area drawn on the map</translation>
    </message>
    <message>
        <source>A warning cannot be drafted from here</source>
        <translation>A warning cannot be drafted from here</translation>
    </message>
    <message>
        <source>Nearest %1 cameras to the video wall</source>
        <translation>Nearest %1 cameras to the video wall</translation>
    </message>
    <message>
        <source>Draw a circle</source>
        <translation>Draw a circle</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>No working camera is known near this place</source>
        <translation>No working camera is known near this place</translation>
    </message>
    <message>
        <source>Select a marker first, or right-click a place on the map</source>
        <translation>Select a marker first, or right-click a place on the map</translation>
    </message>
    <message>
        <source>Save map picture</source>
        <translation>Save map picture</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>could not write %1</translation>
    </message>
    <message>
        <source>Map picture saved: %1</source>
        <translation>Map picture saved: %1</translation>
    </message>
    <message>
        <source>Map picture NOT saved: %1</source>
        <translation>Map picture NOT saved: %1</translation>
    </message>
    <message>
        <source>Map of the city</source>
        <translation>Map of the city</translation>
    </message>
    <message>
        <source>The map is still loading.</source>
        <translation>The map is still loading.</translation>
    </message>
    <message>
        <source>%1 on the map</source>
        <translation>%1 on the map</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>Draw a circle and list what is inside (Ctrl+Shift+C)</source>
        <translation>Draw a circle and list what is inside (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygon</translation>
    </message>
    <message>
        <source>Draw a polygon and list what is inside (Ctrl+Shift+P)</source>
        <translation>Draw a polygon and list what is inside (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Nearest cameras</source>
        <translation>Nearest cameras</translation>
    </message>
    <message>
        <source>Put the cameras nearest the selected marker on the video wall</source>
        <translation>Put the cameras nearest the selected marker on the video wall</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>Save a picture of the map for a briefing (Ctrl+Shift+S)</source>
        <translation>Save a picture of the map for a briefing (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Draw circle</source>
        <translation>Draw circle</translation>
    </message>
    <message>
        <source>Draw polygon</source>
        <translation>Draw polygon</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Whole city</translation>
    </message>
    <message>
        <source>Inside the shape</source>
        <translation>Inside the shape</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>Loading the map…</translation>
    </message>
</context>
<context>
    <name>MeetingListModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>My role</source>
        <translation>My role</translation>
    </message>
</context>
<context>
    <name>MeetingListPanel</name>
    <message>
        <source>All days</source>
        <translation>All days</translation>
    </message>
    <message>
        <source>Show the meetings of every day</source>
        <translation>Show the meetings of every day</translation>
    </message>
    <message>
        <source>Meetings on %1</source>
        <translation>Meetings on %1</translation>
    </message>
    <message>
        <source>All meetings</source>
        <translation>All meetings</translation>
    </message>
</context>
<context>
    <name>MeetingText</name>
    <message>
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Presenter</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>Under discussion</source>
        <translation>Under discussion</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Speaking</translation>
    </message>
    <message>
        <source>Has spoken</source>
        <translation>Has spoken</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Named vote</source>
        <translation>Named vote</translation>
    </message>
    <message>
        <source>Secret ballot</source>
        <translation>Secret ballot</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Voting open</source>
        <translation>Voting open</translation>
    </message>
    <message>
        <source>Voting closed</source>
        <translation>Voting closed</translation>
    </message>
    <message>
        <source>Result published</source>
        <translation>Result published</translation>
    </message>
</context>
<context>
    <name>MeetingsWorkspace</name>
    <message>
        <source>The room did not get your page: %1</source>
        <extracomment>Changes of the open meeting are gathered this long before its details are fetched again. The rank of &quot;no meeting open yet&quot;: any meeting is more relevant (see _rank). The permission a follower needs to be taken to a shared view (a map needs none).</extracomment>
        <translation>The room did not get your page: %1</translation>
    </message>
    <message>
        <source>Follow the presenter again</source>
        <translation>Follow the presenter again</translation>
    </message>
    <message>
        <source>Present to the room, or stop</source>
        <translation>Present to the room, or stop</translation>
    </message>
    <message>
        <source>Export the minutes (PDF)…</source>
        <translation>Export the minutes (PDF)…</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>Polls</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Minutes (PDF)…</source>
        <translation>Minutes (PDF)…</translation>
    </message>
    <message>
        <source>Export the minutes of this meeting as a PDF (Ctrl+Shift+M)</source>
        <translation>Export the minutes of this meeting as a PDF (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Follow the presenter (F8)</source>
        <translation>Follow the presenter (F8)</translation>
    </message>
    <message>
        <source>Show the room…</source>
        <translation>Show the room…</translation>
    </message>
    <message>
        <source>Show the members a camera, the map or a dashboard</source>
        <translation>Show the members a camera, the map or a dashboard</translation>
    </message>
    <message>
        <source>Choose a meeting in the list or the calendar.</source>
        <translation>Choose a meeting in the list or the calendar.</translation>
    </message>
    <message>
        <source>My role: %1</source>
        <translation>My role: %1</translation>
    </message>
    <message>
        <source>You are not a member of this meeting</source>
        <translation>You are not a member of this meeting</translation>
    </message>
    <message>
        <source>Leave the meeting</source>
        <translation>Leave the meeting</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>Not signed in: the action was not queued.</source>
        <translation>Not signed in: the action was not queued.</translation>
    </message>
    <message>
        <source>The action could not be queued: %1</source>
        <translation>The action could not be queued: %1</translation>
    </message>
    <message>
        <source>The meeting changed before your action arrived; see the pending actions panel.</source>
        <translation>The meeting changed before your action arrived; see the pending actions panel.</translation>
    </message>
    <message>
        <source>A camera on the video wall.</source>
        <translation>A camera on the video wall.</translation>
    </message>
    <message>
        <source>The map.</source>
        <translation>The map.</translation>
    </message>
    <message>
        <source>The dashboard “%1”.</source>
        <translation>The dashboard “%1”.</translation>
    </message>
    <message>
        <source>Your role cannot open it on this console.</source>
        <translation>Your role cannot open it on this console.</translation>
    </message>
    <message>
        <source>Stop presenting (F7)</source>
        <translation>Stop presenting (F7)</translation>
    </message>
    <message>
        <source>Present (F7)</source>
        <translation>Present (F7)</translation>
    </message>
    <message>
        <source>● You are presenting: the members follow your page.</source>
        <translation>● You are presenting: the members follow your page.</translation>
    </message>
    <message>
        <source>Nobody is presenting.</source>
        <translation>Nobody is presenting.</translation>
    </message>
    <message>
        <source>You presented last (from this or another console). Press F7 to present again.</source>
        <translation>You presented last (from this or another console). Press F7 to present again.</translation>
    </message>
    <message>
        <source>Following %1.</source>
        <translation>Following %1.</translation>
    </message>
    <message>
        <source>the presenter</source>
        <translation>the presenter</translation>
    </message>
    <message>
        <source>Page %1.</source>
        <translation>Page %1.</translation>
    </message>
    <message>
        <source>You are browsing on your own; %1 is presenting.</source>
        <translation>You are browsing on your own; %1 is presenting.</translation>
    </message>
    <message>
        <source>Meeting #%1 is not known to this console.</source>
        <translation>Meeting #%1 is not known to this console.</translation>
    </message>
    <message>
        <source>Meetings: follow the presenter again (after browsing)</source>
        <translation>Meetings: follow the presenter again (after browsing)</translation>
    </message>
    <message>
        <source>Meetings: present to the room, or stop</source>
        <translation>Meetings: present to the room, or stop</translation>
    </message>
    <message>
        <source>Meetings: export the minutes as a PDF…</source>
        <translation>Meetings: export the minutes as a PDF…</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>%1 of %2 present</source>
        <translation>%1 of %2 present</translation>
    </message>
    <message>
        <source>quorum reached</source>
        <translation>quorum reached</translation>
    </message>
    <message>
        <source>quorum not reached</source>
        <translation>quorum not reached</translation>
    </message>
    <message>
        <source>quorum %1: %2</source>
        <translation>quorum %1: %2</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Meeting role</source>
        <translation>Meeting role</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>Stays</translation>
    </message>
    <message>
        <source>Who is present, with the times, is shown to the chair and the secretary.</source>
        <translation>Who is present, with the times, is shown to the chair and the secretary.</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
</context>
<context>
    <name>MinutesBuilder</name>
    <message>
        <source>Minutes: %1</source>
        <extracomment>The margins of Vietnamese administrative documents (Decree 30/2020): wide on the binding side. Room under each page&apos;s text for the running footer (&quot;Trang 2/5&quot;), in points.</extracomment>
        <translation>Minutes: %1</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>the PDF could not be started</translation>
    </message>
    <message>
        <source>a page could not be added to the PDF</source>
        <translation>a page could not be added to the PDF</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>the file could not be written</source>
        <translation>the file could not be written</translation>
    </message>
</context>
<context>
    <name>MinutesExport</name>
    <message>
        <source>Gathering the meeting’s records…</source>
        <translation>Gathering the meeting’s records…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Meeting minutes</source>
        <translation>Meeting minutes</translation>
    </message>
    <message>
        <source>Writing the minutes…</source>
        <translation>Writing the minutes…</translation>
    </message>
    <message>
        <source>The meeting’s records could not be read: %1</source>
        <translation>The meeting’s records could not be read: %1</translation>
    </message>
    <message>
        <source>Writing the minutes: page %1 of %2</source>
        <translation>Writing the minutes: page %1 of %2</translation>
    </message>
    <message>
        <source>Minutes saved</source>
        <translation>Minutes saved</translation>
    </message>
    <message>
        <source>The minutes were saved to
%1</source>
        <translation>The minutes were saved to
%1</translation>
    </message>
    <message>
        <source>The minutes could not be written to
%1

%2</source>
        <translation>The minutes could not be written to
%1

%2</translation>
    </message>
    <message>
        <source>Minutes not saved</source>
        <translation>Minutes not saved</translation>
    </message>
    <message>
        <source>Save the meeting minutes</source>
        <translation>Save the meeting minutes</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MinutesText</name>
    <message>
        <source>II. PROCEEDINGS</source>
        <extracomment>Serif like the administrative documents (Times New Roman where installed), each with Vietnamese glyphs.</extracomment>
        <translation>II. PROCEEDINGS</translation>
    </message>
    <message>
        <source>The meeting had no agenda items.</source>
        <translation>The meeting had no agenda items.</translation>
    </message>
    <message>
        <source>III. VOTES</source>
        <translation>III. VOTES</translation>
    </message>
    <message>
        <source>No question was put to the vote.</source>
        <translation>No question was put to the vote.</translation>
    </message>
    <message>
        <source>Huế, %1/%2/%3</source>
        <translation>Huế, %1/%2/%3</translation>
    </message>
    <message>
        <source>No.: ……/BB-IOC</source>
        <translation>No.: ……/BB-IOC</translation>
    </message>
    <message>
        <source>I. TIME, PLACE AND PARTICIPANTS</source>
        <translation>I. TIME, PLACE AND PARTICIPANTS</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>from %1 to %2</translation>
    </message>
    <message>
        <source>1. Time:</source>
        <translation>1. Time:</translation>
    </message>
    <message>
        <source>2. Place:</source>
        <translation>2. Place:</translation>
    </message>
    <message>
        <source>3. Chair:</source>
        <translation>3. Chair:</translation>
    </message>
    <message>
        <source>4. Secretary:</source>
        <translation>4. Secretary:</translation>
    </message>
    <message>
        <source>6. Other documents of the meeting:</source>
        <translation>6. Other documents of the meeting:</translation>
    </message>
    <message>
        <source>not designated</source>
        <translation>not designated</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Presenter</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Check-in and check-out times are shown to the chair and the secretary only.</source>
        <translation>Check-in and check-out times are shown to the chair and the secretary only.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Meeting role</source>
        <translation>Meeting role</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Check-in – check-out</source>
        <translation>Check-in – check-out</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>not checked out</source>
        <translation>not checked out</translation>
    </message>
    <message>
        <source>Members who attended: %1 of %2.</source>
        <translation>Members who attended: %1 of %2.</translation>
    </message>
    <message>
        <source>Members present: %1 of %2.</source>
        <translation>Members present: %1 of %2.</translation>
    </message>
    <message>
        <source>No quorum is set for this meeting.</source>
        <translation>No quorum is set for this meeting.</translation>
    </message>
    <message>
        <source>Quorum (%1 members) reached.</source>
        <translation>Quorum (%1 members) reached.</translation>
    </message>
    <message>
        <source>Quorum (%1 members) not reached.</source>
        <translation>Quorum (%1 members) not reached.</translation>
    </message>
    <message>
        <source>Presenter:</source>
        <translation>Presenter:</translation>
    </message>
    <message>
        <source>Time allowed:</source>
        <translation>Time allowed:</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>document %1 (removed)</source>
        <translation>document %1 (removed)</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>Documents:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>user %1</translation>
    </message>
    <message>
        <source>still speaking</source>
        <translation>still speaking</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Speakers:</source>
        <translation>Speakers:</translation>
    </message>
    <message>
        <source>Conclusions:</source>
        <translation>Conclusions:</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>none recorded</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>no deadline</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Unit in charge</source>
        <translation>Unit in charge</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Tasks not readable with your rights: %1</source>
        <translation>Tasks not readable with your rights: %1</translation>
    </message>
    <message>
        <source>named vote</source>
        <translation>named vote</translation>
    </message>
    <message>
        <source>secret ballot</source>
        <translation>secret ballot</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>opened %1</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>closed %1</translation>
    </message>
    <message>
        <source>Voting:</source>
        <translation>Voting:</translation>
    </message>
    <message>
        <source>%1 of %2 members entitled to vote</source>
        <translation>%1 of %2 members entitled to vote</translation>
    </message>
    <message>
        <source>Votes cast:</source>
        <translation>Votes cast:</translation>
    </message>
    <message>
        <source>The vote is still open.</source>
        <translation>The vote is still open.</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>These minutes were drawn up at %1.</source>
        <translation>These minutes were drawn up at %1.</translation>
    </message>
    <message>
        <source>These minutes were drawn up at %1 by %2.</source>
        <translation>These minutes were drawn up at %1 by %2.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Note for alert #%1 (up to 2000 characters):</source>
        <translation>Note for alert #%1 (up to 2000 characters):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NotesKeeper</name>
    <message>
        <source>This page already has a note from another console; reloaded it.</source>
        <translation>This page already has a note from another console; reloaded it.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Only you can see your notes.</source>
        <translation>Only you can see your notes.</translation>
    </message>
    <message>
        <source>Your note on this page…</source>
        <translation>Your note on this page…</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>Drag over the page to highlight an area</source>
        <translation>Drag over the page to highlight an area</translation>
    </message>
    <message>
        <source>Remove highlights</source>
        <translation>Remove highlights</translation>
    </message>
    <message>
        <source>Pages with notes</source>
        <translation>Pages with notes</translation>
    </message>
    <message>
        <source>My note · page %1</source>
        <translation>My note · page %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>OFFLINE — data as of %1</source>
        <translation>OFFLINE — data as of %1</translation>
    </message>
    <message>
        <source>OFFLINE — no data saved on this computer yet</source>
        <translation>OFFLINE — no data saved on this computer yet</translation>
    </message>
    <message>
        <source>The server cannot be reached. You see the data saved on this computer; your actions are kept and sent automatically when the connection returns.</source>
        <translation>The server cannot be reached. You see the data saved on this computer; your actions are kept and sent automatically when the connection returns.</translation>
    </message>
    <message>
        <source>Try to reconnect now</source>
        <translation>Try to reconnect now</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Changed on the server meanwhile: choose in Conflicts</source>
        <extracomment>(&quot;alert:17&quot;, label of the state the newest waiting action leads to, or None once none waits) (resource, its copy from the server&apos;s answer to an applied action)</extracomment>
        <translation>Changed on the server meanwhile: choose in Conflicts</translation>
    </message>
    <message>
        <source>The server refused it: %1</source>
        <translation>The server refused it: %1</translation>
    </message>
    <message>
        <source>Attempts: %1</source>
        <translation>Attempts: %1</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>No actions taken yet.</source>
        <translation>No actions taken yet.</translation>
    </message>
    <message>
        <source>Waiting to send: %1 · Conflicts: %2 · Newest first.</source>
        <translation>Waiting to send: %1 · Conflicts: %2 · Newest first.</translation>
    </message>
</context>
<context>
    <name>OutboxText</name>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>No action needed</translation>
    </message>
    <message>
        <source>Confirmed — real incident</source>
        <translation>Confirmed — real incident</translation>
    </message>
    <message>
        <source>Acknowledge alert #%1</source>
        <translation>Acknowledge alert #%1</translation>
    </message>
    <message>
        <source>Start handling alert #%1</source>
        <translation>Start handling alert #%1</translation>
    </message>
    <message>
        <source>Close alert #%1 (%2)</source>
        <translation>Close alert #%1 (%2)</translation>
    </message>
    <message>
        <source>Add a note to alert #%1</source>
        <translation>Add a note to alert #%1</translation>
    </message>
    <message>
        <source>Verify alert #%1: %2</source>
        <translation>Verify alert #%1: %2</translation>
    </message>
    <message>
        <source>Dispatch alert #%1 to %2</source>
        <translation>Dispatch alert #%1 to %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Save filter view “%1”</source>
        <translation>Save filter view “%1”</translation>
    </message>
    <message>
        <source>Change saved filter view #%1</source>
        <translation>Change saved filter view #%1</translation>
    </message>
    <message>
        <source>Delete saved filter view #%1</source>
        <translation>Delete saved filter view #%1</translation>
    </message>
    <message>
        <source>Vote in a poll of meeting #%1</source>
        <translation>Vote in a poll of meeting #%1</translation>
    </message>
    <message>
        <source>Change the status of report #%1</source>
        <translation>Change the status of report #%1</translation>
    </message>
    <message>
        <source>Update task #%1</source>
        <translation>Update task #%1</translation>
    </message>
    <message>
        <source>Check in to meeting #%1</source>
        <translation>Check in to meeting #%1</translation>
    </message>
    <message>
        <source>Check out of meeting #%1</source>
        <translation>Check out of meeting #%1</translation>
    </message>
    <message>
        <source>Move meeting #%1 to the next agenda item</source>
        <translation>Move meeting #%1 to the next agenda item</translation>
    </message>
    <message>
        <source>Move meeting #%1 back to the previous agenda item</source>
        <translation>Move meeting #%1 back to the previous agenda item</translation>
    </message>
    <message>
        <source>Take up another agenda item in meeting #%1</source>
        <translation>Take up another agenda item in meeting #%1</translation>
    </message>
    <message>
        <source>Ask to speak in meeting #%1</source>
        <translation>Ask to speak in meeting #%1</translation>
    </message>
    <message>
        <source>Withdraw a request to speak in meeting #%1</source>
        <translation>Withdraw a request to speak in meeting #%1</translation>
    </message>
    <message>
        <source>Reorder the speakers in meeting #%1</source>
        <translation>Reorder the speakers in meeting #%1</translation>
    </message>
    <message>
        <source>Give the floor to a speaker in meeting #%1</source>
        <translation>Give the floor to a speaker in meeting #%1</translation>
    </message>
    <message>
        <source>End a speaking turn in meeting #%1</source>
        <translation>End a speaking turn in meeting #%1</translation>
    </message>
    <message>
        <source>Record a conclusion in meeting #%1</source>
        <translation>Record a conclusion in meeting #%1</translation>
    </message>
    <message>
        <source>Create the poll “%2” in meeting #%1</source>
        <translation>Create the poll “%2” in meeting #%1</translation>
    </message>
    <message>
        <source>Open a poll for voting in meeting #%1</source>
        <translation>Open a poll for voting in meeting #%1</translation>
    </message>
    <message>
        <source>Close a poll of meeting #%1</source>
        <translation>Close a poll of meeting #%1</translation>
    </message>
    <message>
        <source>Publish the result of a poll of meeting #%1</source>
        <translation>Publish the result of a poll of meeting #%1</translation>
    </message>
    <message>
        <source>Record a conclusion in meeting #%1 and assign the task “%2”</source>
        <translation>Record a conclusion in meeting #%1 and assign the task “%2”</translation>
    </message>
    <message>
        <source>Publish public warning #%1</source>
        <translation>Publish public warning #%1</translation>
    </message>
    <message>
        <source>Change draft warning #%1</source>
        <translation>Change draft warning #%1</translation>
    </message>
    <message>
        <source>Draft an update of public warning #%1</source>
        <translation>Draft an update of public warning #%1</translation>
    </message>
    <message>
        <source>Draft the cancellation of public warning #%1</source>
        <translation>Draft the cancellation of public warning #%1</translation>
    </message>
    <message>
        <source>Draft a public warning from alert #%1</source>
        <translation>Draft a public warning from alert #%1</translation>
    </message>
    <message>
        <source>Draft public warning “%1”</source>
        <translation>Draft public warning “%1”</translation>
    </message>
    <message>
        <source>Alert #%1 was changed by someone else meanwhile; look at it again</source>
        <translation>Alert #%1 was changed by someone else meanwhile; look at it again</translation>
    </message>
    <message>
        <source>Alert #%1 cannot make this move in its current state</source>
        <translation>Alert #%1 cannot make this move in its current state</translation>
    </message>
    <message>
        <source>Alert #%1 no longer exists</source>
        <translation>Alert #%1 no longer exists</translation>
    </message>
    <message>
        <source>Alert #%1 not changed: %2</source>
        <translation>Alert #%1 not changed: %2</translation>
    </message>
    <message>
        <source>note added</source>
        <translation>note added</translation>
    </message>
    <message>
        <source>verified: %1</source>
        <translation>verified: %1</translation>
    </message>
    <message>
        <source>dispatched to %1</source>
        <translation>dispatched to %1</translation>
    </message>
</context>
<context>
    <name>PdfPanel</name>
    <message>
        <source>The document has no pages.</source>
        <translation>The document has no pages.</translation>
    </message>
    <message>
        <source>This document is protected by a password and cannot be opened here.</source>
        <translation>This document is protected by a password and cannot be opened here.</translation>
    </message>
    <message>
        <source>This document uses a protection that this viewer cannot open.</source>
        <translation>This document uses a protection that this viewer cannot open.</translation>
    </message>
    <message>
        <source>This file is not a PDF document, or it is damaged.</source>
        <translation>This file is not a PDF document, or it is damaged.</translation>
    </message>
    <message>
        <source>The document could not be opened.</source>
        <translation>The document could not be opened.</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>No results</translation>
    </message>
    <message>
        <source>%1 / %2 results</source>
        <translation>%1 / %2 results</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <source>Show or hide the page thumbnails</source>
        <translation>Show or hide the page thumbnails</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Previous page (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Next page (Page Down)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Zoom out (Ctrl+−)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit the page width</source>
        <translation>Fit the page width</translation>
    </message>
    <message>
        <source>Fit the whole page</source>
        <translation>Fit the whole page</translation>
    </message>
    <message>
        <source>Highlight: drag a rectangle over the page</source>
        <translation>Highlight: drag a rectangle over the page</translation>
    </message>
    <message>
        <source>Previous result (Shift+Enter)</source>
        <translation>Previous result (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next result (Enter)</source>
        <translation>Next result (Enter)</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Page number</translation>
    </message>
    <message>
        <source>Search in the document…</source>
        <translation>Search in the document…</translation>
    </message>
    <message>
        <source>Search in the document (Ctrl+F)</source>
        <translation>Search in the document (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>PollCard</name>
    <message>
        <source>Open voting</source>
        <translation>Open voting</translation>
    </message>
    <message>
        <source>Close voting</source>
        <translation>Close voting</translation>
    </message>
    <message>
        <source>Publish result</source>
        <translation>Publish result</translation>
    </message>
    <message>
        <source>Your vote: “%1” — recorded.</source>
        <translation>Your vote: “%1” — recorded.</translation>
    </message>
    <message>
        <source>Your vote: “%1” — waiting to be sent.</source>
        <translation>Your vote: “%1” — waiting to be sent.</translation>
    </message>
    <message>
        <source>You have voted.</source>
        <translation>You have voted.</translation>
    </message>
    <message>
        <source>You cannot vote in this poll (only members present when it opened may).</source>
        <translation>You cannot vote in this poll (only members present when it opened may).</translation>
    </message>
    <message>
        <source>Votes cast: %1 of %2</source>
        <translation>Votes cast: %1 of %2</translation>
    </message>
    <message>
        <source>Votes cast: %1</source>
        <translation>Votes cast: %1</translation>
    </message>
    <message>
        <source>Live tally — seen only by those who manage the poll.</source>
        <translation>Live tally — seen only by those who manage the poll.</translation>
    </message>
    <message>
        <source>Voting has closed; the result is not published yet.</source>
        <translation>Voting has closed; the result is not published yet.</translation>
    </message>
</context>
<context>
    <name>PollDialog</name>
    <message>
        <source>New poll</source>
        <translation>New poll</translation>
    </message>
    <message>
        <source>Agree
Disagree
Abstain</source>
        <translation>Agree
Disagree
Abstain</translation>
    </message>
    <message>
        <source>Named vote (the result lists who chose what)</source>
        <translation>Named vote (the result lists who chose what)</translation>
    </message>
    <message>
        <source>Secret ballot (only the counts are ever stored)</source>
        <translation>Secret ballot (only the counts are ever stored)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Options (one per line)</source>
        <translation>Options (one per line)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Write the question.</source>
        <translation>Write the question.</translation>
    </message>
    <message>
        <source>Give between 2 and 10 options.</source>
        <translation>Give between 2 and 10 options.</translation>
    </message>
    <message>
        <source>Two options are the same.</source>
        <translation>Two options are the same.</translation>
    </message>
    <message>
        <source>An option may have at most 200 characters.</source>
        <translation>An option may have at most 200 characters.</translation>
    </message>
</context>
<context>
    <name>PtzPanel</name>
    <message>
        <source>PTZ: select a tile showing a PTZ camera</source>
        <extracomment>Speed of a pad press, as a fraction of the camera&apos;s full speed (-1..1 in the API).</extracomment>
        <translation>PTZ: select a tile showing a PTZ camera</translation>
    </message>
    <message>
        <source>PTZ: %1 is offline</source>
        <translation>PTZ: %1 is offline</translation>
    </message>
    <message>
        <source>PTZ: %1</source>
        <translation>PTZ: %1</translation>
    </message>
    <message>
        <source>Go to preset</source>
        <translation>Go to preset</translation>
    </message>
    <message>
        <source>Tilt up (hold)</source>
        <translation>Tilt up (hold)</translation>
    </message>
    <message>
        <source>Tilt down (hold)</source>
        <translation>Tilt down (hold)</translation>
    </message>
    <message>
        <source>Pan left (hold)</source>
        <translation>Pan left (hold)</translation>
    </message>
    <message>
        <source>Pan right (hold)</source>
        <translation>Pan right (hold)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Zoom in (hold)</source>
        <translation>Zoom in (hold)</translation>
    </message>
    <message>
        <source>Zoom out (hold)</source>
        <translation>Zoom out (hold)</translation>
    </message>
</context>
<context>
    <name>QueueList</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1  ● %2 new</source>
        <translation>%1  ● %2 new</translation>
    </message>
</context>
<context>
    <name>SavedViewsControl</name>
    <message>
        <source>Save view</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Name of the view (the current filter text and level are saved):</source>
        <translation>Name of the view (the current filter text and level are saved):</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Rename view</translation>
    </message>
    <message>
        <source>New name for the view “%1”:</source>
        <translation>New name for the view “%1”:</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?
The events shown do not change.</source>
        <translation>Delete the saved view “%1”?
The events shown do not change.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Replace view</source>
        <translation>Replace view</translation>
    </message>
    <message>
        <source>Replace the filters saved in “%1” with the current ones?</source>
        <translation>Replace the filters saved in “%1” with the current ones?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>There is already a view named “%1”. Choose another name.</source>
        <translation>There is already a view named “%1”. Choose another name.</translation>
    </message>
    <message>
        <source>Sign in first: views are saved for your account.</source>
        <translation>Sign in first: views are saved for your account.</translation>
    </message>
    <message>
        <source>Its previous change is being sent right now. Try again in a moment.</source>
        <translation>Its previous change is being sent right now. Try again in a moment.</translation>
    </message>
    <message>
        <source>The disk of this computer is full. Free some disk space, then try again.</source>
        <translation>The disk of this computer is full. Free some disk space, then try again.</translation>
    </message>
    <message>
        <source>The local cache could not save it: %1</source>
        <translation>The local cache could not save it: %1</translation>
    </message>
    <message>
        <source>It was not accepted: %1</source>
        <translation>It was not accepted: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
    <message>
        <source>View not saved</source>
        <translation>View not saved</translation>
    </message>
    <message>
        <source>The change to your saved views was NOT made.
%1</source>
        <translation>The change to your saved views was NOT made.
%1</translation>
    </message>
    <message>
        <source>“%1”: the filters now differ from the saved ones. Use ⋯ → Update to keep the current ones.</source>
        <translation>“%1”: the filters now differ from the saved ones. Use ⋯ → Update to keep the current ones.</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>Saved view</translation>
    </message>
    <message>
        <source>Manage saved views</source>
        <translation>Manage saved views</translation>
    </message>
    <message>
        <source>Save, update, rename or delete saved views (%1 saves the current filters)</source>
        <translation>Save, update, rename or delete saved views (%1 saves the current filters)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Saved views</translation>
    </message>
    <message>
        <source>Available when the filters differ from the selected view</source>
        <translation>Available when the filters differ from the selected view</translation>
    </message>
    <message>
        <source>Pick a saved view to show the log through its filters</source>
        <translation>Pick a saved view to show the log through its filters</translation>
    </message>
    <message>
        <source>— Saved views —</source>
        <translation>— Saved views —</translation>
    </message>
    <message>
        <source>⏳ %1 (waiting to send)</source>
        <translation>⏳ %1 (waiting to send)</translation>
    </message>
    <message>
        <source>✎ %1 (changed)</source>
        <translation>✎ %1 (changed)</translation>
    </message>
    <message>
        <source>“%1”: saved on this computer, sent to the server as soon as it can be reached.</source>
        <translation>“%1”: saved on this computer, sent to the server as soon as it can be reached.</translation>
    </message>
    <message>
        <source>The log shows the saved view “%1”.</source>
        <translation>The log shows the saved view “%1”.</translation>
    </message>
    <message>
        <source>&amp;Save current filters as a view…</source>
        <translation>&amp;Save current filters as a view…</translation>
    </message>
    <message>
        <source>&amp;Update “%1” with the current filters</source>
        <translation>&amp;Update “%1” with the current filters</translation>
    </message>
    <message>
        <source>&amp;Rename “%1”…</source>
        <translation>&amp;Rename “%1”…</translation>
    </message>
    <message>
        <source>&amp;Delete “%1”…</source>
        <translation>&amp;Delete “%1”…</translation>
    </message>
    <message>
        <source>&amp;Update the selected view with the current filters</source>
        <translation>&amp;Update the selected view with the current filters</translation>
    </message>
    <message>
        <source>&amp;Rename the selected view…</source>
        <translation>&amp;Rename the selected view…</translation>
    </message>
    <message>
        <source>&amp;Delete the selected view…</source>
        <translation>&amp;Delete the selected view…</translation>
    </message>
</context>
<context>
    <name>SensorList</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>Last reading</translation>
    </message>
    <message>
        <source>Water level</source>
        <translation>Water level</translation>
    </message>
    <message>
        <source>Rainfall</source>
        <translation>Rainfall</translation>
    </message>
    <message>
        <source>Fine dust (PM2.5)</source>
        <translation>Fine dust (PM2.5)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Landslide (tilt)</source>
        <translation>Landslide (tilt)</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>no reading</translation>
    </message>
</context>
<context>
    <name>SensorsWorkspace</name>
    <message>
        <source>Search sensors (name, ward)…</source>
        <extracomment>Live readings of the chosen sensor are gathered this long and appended to the chart together.</extracomment>
        <translation>Search sensors (name, ward)…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>All wards</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <source>No sensor chosen</source>
        <translation>No sensor chosen</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>Choose a sensor in the list to see its readings.</source>
        <translation>Choose a sensor in the list to see its readings.</translation>
    </message>
    <message>
        <source>Loading readings…</source>
        <translation>Loading readings…</translation>
    </message>
    <message>
        <source>Every reading, live.</source>
        <translation>Every reading, live.</translation>
    </message>
    <message>
        <source>Lowest and highest value per minute.</source>
        <translation>Lowest and highest value per minute.</translation>
    </message>
    <message>
        <source>Lowest and highest value per hour.</source>
        <translation>Lowest and highest value per hour.</translation>
    </message>
    <message>
        <source>Lowest and highest value per day.</source>
        <translation>Lowest and highest value per day.</translation>
    </message>
    <message>
        <source>This sensor has no readings from %1 to %2.</source>
        <translation>This sensor has no readings from %1 to %2.</translation>
    </message>
    <message>
        <source>The server cannot be reached. From the cache: %1 at %2, and %3 readings kept on this computer.</source>
        <translation>The server cannot be reached. From the cache: %1 at %2, and %3 readings kept on this computer.</translation>
    </message>
    <message>
        <source>The server cannot be reached and this computer keeps no readings of this sensor.</source>
        <translation>The server cannot be reached and this computer keeps no readings of this sensor.</translation>
    </message>
    <message>
        <source>The server sent readings that cannot be drawn: %1</source>
        <translation>The server sent readings that cannot be drawn: %1</translation>
    </message>
    <message>
        <source>The readings could not be loaded: %1</source>
        <translation>The readings could not be loaded: %1</translation>
    </message>
    <message>
        <source>This sensor no longer exists on the server.</source>
        <translation>This sensor no longer exists on the server.</translation>
    </message>
    <message>
        <source>Sensor trend</source>
        <translation>Sensor trend</translation>
    </message>
    <message>
        <source>Sensor trend: %1</source>
        <translation>Sensor trend: %1</translation>
    </message>
</context>
<context>
    <name>ShapeResultsPanel</name>
    <message>
        <source>%1 camera</source>
        <translation>%1 camera</translation>
    </message>
    <message>
        <source>%1 cameras</source>
        <translation>%1 cameras</translation>
    </message>
    <message>
        <source>%1 alert</source>
        <translation>%1 alert</translation>
    </message>
    <message>
        <source>%1 alerts</source>
        <translation>%1 alerts</translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation>%1 report</translation>
    </message>
    <message>
        <source>%1 reports</source>
        <translation>%1 reports</translation>
    </message>
    <message>
        <source>%1 sensor</source>
        <translation>%1 sensor</translation>
    </message>
    <message>
        <source>%1 sensors</source>
        <translation>%1 sensors</translation>
    </message>
    <message>
        <source>%1 task</source>
        <translation>%1 task</translation>
    </message>
    <message>
        <source>%1 tasks</source>
        <translation>%1 tasks</translation>
    </message>
    <message>
        <source>%1 public warning</source>
        <translation>%1 public warning</translation>
    </message>
    <message>
        <source>%1 public warnings</source>
        <translation>%1 public warnings</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Use as warning area</source>
        <translation>Use as warning area</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Draw a circle or a polygon on the map to list what lies inside it.</source>
        <translation>Draw a circle or a polygon on the map to list what lies inside it.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message>
        <source>Inside the circle (r = %1 km): %2</source>
        <translation>Inside the circle (r = %1 km): %2</translation>
    </message>
    <message>
        <source>Inside the polygon: %1</source>
        <translation>Inside the polygon: %1</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Export to CSV</translation>
    </message>
    <message>
        <source>inside-area.csv</source>
        <translation>inside-area.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Exporting %1 rows…</source>
        <translation>Exporting %1 rows…</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>The CSV file could not be written to %1: %2</source>
        <translation>The CSV file could not be written to %1: %2</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Show the room</source>
        <translation>Show the room</translation>
    </message>
    <message>
        <source>A camera on the video wall</source>
        <translation>A camera on the video wall</translation>
    </message>
    <message>
        <source>The map at a camera&apos;s place</source>
        <translation>The map at a camera&apos;s place</translation>
    </message>
    <message>
        <source>A dashboard</source>
        <translation>A dashboard</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Choose what to show (a camera with a known place for the map).</source>
        <translation>Choose what to show (a camera with a known place for the map).</translation>
    </message>
</context>
<context>
    <name>ShortcutHelpDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>StartupSplash</name>
    <message>
        <source>IOC Huế — demo mode</source>
        <translation>IOC Huế — demo mode</translation>
    </message>
    <message>
        <source>Signing in as the demo operator…</source>
        <translation>Signing in as the demo operator…</translation>
    </message>
    <message>
        <source>Starting the built-in demo backend and preparing sample cameras, alerts and sensors. This takes a few seconds the first time.</source>
        <translation>Starting the built-in demo backend and preparing sample cameras, alerts and sensors. This takes a few seconds the first time.</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>6 h</source>
        <extracomment>Huế is UTC+7 all year (no daylight saving): pyqtgraph&apos;s DateAxisItem takes seconds *west* of UTC. The span buttons: key -&gt; seconds. Zoom limits: from an hour to a year (and a little room around it). The visible range settles this long after the last wheel step before ``range_settled`` fires. Numbers instead of English day and month names (&quot;Sat 05&quot;, &quot;Jan&quot;): read the same in both languages. (start, end) in seconds since the epoch, once the visible range stopped changing. A span button was chosen (its key: &quot;6h&quot;, &quot;24h&quot;, &quot;7d&quot;, &quot;30d&quot;, &quot;1y&quot;).</extracomment>
        <translation>6 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 d</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 d</translation>
    </message>
    <message>
        <source>1 y</source>
        <translation>1 y</translation>
    </message>
    <message>
        <source>Show the last 6 hours</source>
        <translation>Show the last 6 hours</translation>
    </message>
    <message>
        <source>Show the last 24 hours</source>
        <translation>Show the last 24 hours</translation>
    </message>
    <message>
        <source>Show the last 7 days</source>
        <translation>Show the last 7 days</translation>
    </message>
    <message>
        <source>Show the last 30 days</source>
        <translation>Show the last 30 days</translation>
    </message>
    <message>
        <source>Show the last year</source>
        <translation>Show the last year</translation>
    </message>
    <message>
        <source>Huế time</source>
        <translation>Huế time</translation>
    </message>
    <message>
        <source>Warning %1</source>
        <translation>Warning %1</translation>
    </message>
    <message>
        <source>Alarm %1</source>
        <translation>Alarm %1</translation>
    </message>
</context>
<context>
    <name>TriageHelp</name>
    <message>
        <source>Move through the queue</source>
        <translation>Move through the queue</translation>
    </message>
    <message>
        <source>Mark / unmark the alert for a bulk action</source>
        <translation>Mark / unmark the alert for a bulk action</translation>
    </message>
    <message>
        <source>Extend the marked alerts</source>
        <translation>Extend the marked alerts</translation>
    </message>
    <message>
        <source>Drop the marks, keep the current alert</source>
        <translation>Drop the marks, keep the current alert</translation>
    </message>
    <message>
        <source>Acknowledge (all marked alerts when several are marked)</source>
        <translation>Acknowledge (all marked alerts when several are marked)</translation>
    </message>
    <message>
        <source>Verify on camera: real incident or false alarm</source>
        <translation>Verify on camera: real incident or false alarm</translation>
    </message>
    <message>
        <source>Dispatch to a unit (all marked alerts when several are marked)</source>
        <translation>Dispatch to a unit (all marked alerts when several are marked)</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <source>Close with a reason (all marked alerts when several are marked)</source>
        <translation>Close with a reason (all marked alerts when several are marked)</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Add a note</translation>
    </message>
    <message>
        <source>False alarm (all marked alerts when several are marked)</source>
        <translation>False alarm (all marked alerts when several are marked)</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>This list</translation>
    </message>
    <message>
        <source>Triage keys (any key closes this list)</source>
        <translation>Triage keys (any key closes this list)</translation>
    </message>
</context>
<context>
    <name>TriageKeys</name>
    <message>
        <source>Action saved</source>
        <extracomment>A bulk write was queued durably: (outbox entry id, action, number of alerts). A bulk write completed: {&quot;entry_id&quot;, &quot;action&quot;, &quot;succeeded&quot;: [ids], &quot;failed&quot;: [(id, code)], &quot;text&quot;}.</extracomment>
        <translation>Action saved</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>False alarms</translation>
    </message>
    <message>
        <source>Close %1 alerts as false alarms?</source>
        <translation>Close %1 alerts as false alarms?</translation>
    </message>
    <message>
        <source>Close as false alarms</source>
        <translation>Close as false alarms</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Select at most %1 alerts for one action (%2 are selected).</source>
        <translation>Select at most %1 alerts for one action (%2 are selected).</translation>
    </message>
    <message>
        <source>What was entered cannot be sent as it is. Check it and try again.</source>
        <translation>What was entered cannot be sent as it is. Check it and try again.</translation>
    </message>
    <message>
        <source>%1 on %2 alerts saved; it is sent as soon as the server answers.</source>
        <translation>%1 on %2 alerts saved; it is sent as soon as the server answers.</translation>
    </message>
    <message>
        <source>The action was NOT saved and will not be sent: %1</source>
        <translation>The action was NOT saved and will not be sent: %1</translation>
    </message>
    <message>
        <source>%1 on the selected alerts failed: %2</source>
        <translation>%1 on the selected alerts failed: %2</translation>
    </message>
    <message>
        <source>%1: %2 succeeded</source>
        <translation>%1: %2 succeeded</translation>
    </message>
    <message>
        <source>; %1 conflicted (changed by someone else first: %2)</source>
        <translation>; %1 conflicted (changed by someone else first: %2)</translation>
    </message>
    <message>
        <source>; %1 not possible any more (%2)</source>
        <translation>; %1 not possible any more (%2)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
    <message>
        <source>&amp;Verify on camera…</source>
        <translation>&amp;Verify on camera…</translation>
    </message>
    <message>
        <source>&amp;Dispatch to a unit…</source>
        <translation>&amp;Dispatch to a unit…</translation>
    </message>
    <message>
        <source>&amp;Start handling</source>
        <translation>&amp;Start handling</translation>
    </message>
    <message>
        <source>&amp;Close…</source>
        <translation>&amp;Close…</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Add &amp;note…</translation>
    </message>
    <message>
        <source>&amp;False alarm…</source>
        <translation>&amp;False alarm…</translation>
    </message>
</context>
<context>
    <name>VerifyAlertDialog</name>
    <message>
        <source>Close as false alarm</source>
        <translation>Close as false alarm</translation>
    </message>
    <message>
        <source>Confirm incident</source>
        <translation>Confirm incident</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Verify alert</source>
        <translation>Verify alert</translation>
    </message>
    <message>
        <source>Verify alert #%1 — what do you see on the camera?</source>
        <translation>Verify alert #%1 — what do you see on the camera?</translation>
    </message>
    <message>
        <source>Already verified: %1 by %2 at %3. Your verdict replaces it.</source>
        <translation>Already verified: %1 by %2 at %3. Your verdict replaces it.</translation>
    </message>
    <message>
        <source>&amp;Confirmed — real incident</source>
        <translation>&amp;Confirmed — real incident</translation>
    </message>
    <message>
        <source>A new alert becomes acknowledged, with you as its owner.</source>
        <translation>A new alert becomes acknowledged, with you as its owner.</translation>
    </message>
    <message>
        <source>&amp;False alarm</source>
        <translation>&amp;False alarm</translation>
    </message>
    <message>
        <source>The alert will be closed as a false alarm.</source>
        <translation>The alert will be closed as a false alarm.</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Note (optional):</translation>
    </message>
    <message>
        <source>What you saw, for the next shift</source>
        <translation>What you saw, for the next shift</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Sub stream: CPU overloaded</source>
        <translation>Sub stream: CPU overloaded</translation>
    </message>
    <message>
        <source>%1 frames/s: CPU overloaded</source>
        <translation>%1 frames/s: CPU overloaded</translation>
    </message>
    <message>
        <source>Drag a camera here</source>
        <translation>Drag a camera here</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation>Reconnecting in %1 s</translation>
    </message>
    <message>
        <source>Signal lost since %1</source>
        <translation>Signal lost since %1</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Camera not found: %1</source>
        <extracomment>MIME type of a tile dragged within the wall: {&quot;wall&quot;: id of the wall, &quot;cell&quot;: index}. Builds the feed of one tile for one camera, or None when it cannot be played (no permission). The cameras per cell changed (layout, drop, swap, tour): for &quot;view changed&quot; marks. A message for the status bar (text, ms).</extracomment>
        <translation>Camera not found: %1</translation>
    </message>
    <message>
        <source>%1 of %2 cameras fit on the wall from this tile on</source>
        <translation>%1 of %2 cameras fit on the wall from this tile on</translation>
    </message>
</context>
<context>
    <name>VideoWorkspace</name>
    <message>
        <source>Wall: full-screen the selected tile, and back (also Enter)</source>
        <extracomment>More camera changes than this at once are applied as one rebuild of the tree. A page of changes this large is a (re)sync catching up, not alerts arriving live now.</extracomment>
        <translation>Wall: full-screen the selected tile, and back (also Enter)</translation>
    </message>
    <message>
        <source>Wall: leave full screen or the single view</source>
        <translation>Wall: leave full screen or the single view</translation>
    </message>
    <message>
        <source>Wall: save a snapshot of the selected tile</source>
        <translation>Wall: save a snapshot of the selected tile</translation>
    </message>
    <message>
        <source>Wall: empty the selected tile</source>
        <translation>Wall: empty the selected tile</translation>
    </message>
    <message>
        <source>Wall: start or stop the tour of the camera group</source>
        <translation>Wall: start or stop the tour of the camera group</translation>
    </message>
    <message>
        <source>Wall: move the wall to its own window, and back</source>
        <translation>Wall: move the wall to its own window, and back</translation>
    </message>
    <message>
        <source>Wall: save the layout and cameras as a view…</source>
        <translation>Wall: save the layout and cameras as a view…</translation>
    </message>
    <message>
        <source>Wall: show the PTZ pad</source>
        <translation>Wall: show the PTZ pad</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>Video wall: %1</source>
        <translation>Video wall: %1</translation>
    </message>
    <message>
        <source>Cameras online</source>
        <translation>Cameras online</translation>
    </message>
    <message>
        <source>Cameras degraded</source>
        <translation>Cameras degraded</translation>
    </message>
    <message>
        <source>Cameras offline</source>
        <translation>Cameras offline</translation>
    </message>
    <message>
        <source>Cameras on the wall</source>
        <translation>Cameras on the wall</translation>
    </message>
    <message>
        <source>The map sent no cameras to show on the wall.</source>
        <translation>The map sent no cameras to show on the wall.</translation>
    </message>
    <message>
        <source>None of the %1 cameras from the map is known to this console.</source>
        <translation>None of the %1 cameras from the map is known to this console.</translation>
    </message>
    <message>
        <source>%1 cameras from the map placed on the wall.</source>
        <translation>%1 cameras from the map placed on the wall.</translation>
    </message>
    <message>
        <source>%1 more did not fit.</source>
        <translation>%1 more did not fit.</translation>
    </message>
    <message>
        <source>%1 unknown cameras skipped.</source>
        <translation>%1 unknown cameras skipped.</translation>
    </message>
    <message>
        <source>PTZ command not carried out: %1</source>
        <translation>PTZ command not carried out: %1</translation>
    </message>
    <message>
        <source>No picture to save: the tile shows no video yet.</source>
        <translation>No picture to save: the tile shows no video yet.</translation>
    </message>
    <message>
        <source>Folder for snapshots</source>
        <translation>Folder for snapshots</translation>
    </message>
    <message>
        <source>The snapshot was NOT saved: %1</source>
        <translation>The snapshot was NOT saved: %1</translation>
    </message>
    <message>
        <source>Snapshot saved: %1</source>
        <translation>Snapshot saved: %1</translation>
    </message>
    <message>
        <source>The snapshot was saved but could not be recorded: %1</source>
        <translation>The snapshot was saved but could not be recorded: %1</translation>
    </message>
    <message>
        <source>&amp;Full screen tile</source>
        <translation>&amp;Full screen tile</translation>
    </message>
    <message>
        <source>&amp;Leave full screen</source>
        <translation>&amp;Leave full screen</translation>
    </message>
    <message>
        <source>&amp;Snapshot</source>
        <translation>&amp;Snapshot</translation>
    </message>
    <message>
        <source>&amp;Empty tile</source>
        <translation>&amp;Empty tile</translation>
    </message>
    <message>
        <source>&amp;Detach the wall</source>
        <translation>&amp;Detach the wall</translation>
    </message>
    <message>
        <source>Save the wall as a &amp;view…</source>
        <translation>Save the wall as a &amp;view…</translation>
    </message>
    <message>
        <source>&amp;PTZ pad</source>
        <translation>&amp;PTZ pad</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds each page of a tour stays on the wall</source>
        <translation>Seconds each page of a tour stays on the wall</translation>
    </message>
    <message>
        <source>Layout of the wall</source>
        <translation>Layout of the wall</translation>
    </message>
    <message>
        <source>Detach</source>
        <translation>Detach</translation>
    </message>
    <message>
        <source>Move the wall to its own window (a second monitor)</source>
        <translation>Move the wall to its own window (a second monitor)</translation>
    </message>
    <message>
        <source>The video wall is in its own window.</source>
        <translation>The video wall is in its own window.</translation>
    </message>
    <message>
        <source>Bring the wall back</source>
        <translation>Bring the wall back</translation>
    </message>
    <message>
        <source>Stop tour</source>
        <translation>Stop tour</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>Stop the &amp;tour</source>
        <translation>Stop the &amp;tour</translation>
    </message>
    <message>
        <source>Start a &amp;tour</source>
        <translation>Start a &amp;tour</translation>
    </message>
    <message>
        <source>Cycle the selected camera group through the wall</source>
        <translation>Cycle the selected camera group through the wall</translation>
    </message>
</context>
<context>
    <name>VotingPanel</name>
    <message>
        <source>New poll…</source>
        <translation>New poll…</translation>
    </message>
    <message>
        <source>This meeting has no polls.</source>
        <translation>This meeting has no polls.</translation>
    </message>
</context>
<context>
    <name>WallViewsControl</name>
    <message>
        <source>Save wall view</source>
        <translation>Save wall view</translation>
    </message>
    <message>
        <source>Name of the view (the layout and the camera of every tile are saved):</source>
        <translation>Name of the view (the layout and the camera of every tile are saved):</translation>
    </message>
    <message>
        <source>Delete wall view</source>
        <translation>Delete wall view</translation>
    </message>
    <message>
        <source>Delete the wall view “%1”?</source>
        <translation>Delete the wall view “%1”?</translation>
    </message>
    <message>
        <source>Sign in first: views are saved for your account.</source>
        <translation>Sign in first: views are saved for your account.</translation>
    </message>
    <message>
        <source>The change to your wall views was NOT made: %1</source>
        <translation>The change to your wall views was NOT made: %1</translation>
    </message>
    <message>
        <source>Wall views</source>
        <translation>Wall views</translation>
    </message>
    <message>
        <source>— Wall views —</source>
        <translation>— Wall views —</translation>
    </message>
    <message>
        <source> (waiting to send)</source>
        <translation> (waiting to send)</translation>
    </message>
    <message>
        <source>Wall view</source>
        <translation>Wall view</translation>
    </message>
    <message>
        <source>Save, update or delete wall views</source>
        <translation>Save, update or delete wall views</translation>
    </message>
    <message>
        <source>&amp;Save the wall as a view…</source>
        <translation>&amp;Save the wall as a view…</translation>
    </message>
    <message>
        <source>&amp;Update the selected view with the wall</source>
        <translation>&amp;Update the selected view with the wall</translation>
    </message>
    <message>
        <source>&amp;Delete the selected view…</source>
        <translation>&amp;Delete the selected view…</translation>
    </message>
</context>
<context>
    <name>WarningEditor</name>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Event:</translation>
    </message>
    <message>
        <source>&amp;Headline:</source>
        <translation>&amp;Headline:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Instruction:</source>
        <translation>&amp;Instruction:</translation>
    </message>
    <message>
        <source>&amp;Urgency:</source>
        <translation>&amp;Urgency:</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>&amp;Severity:</translation>
    </message>
    <message>
        <source>C&amp;ertainty:</source>
        <translation>C&amp;ertainty:</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>Categories:</translation>
    </message>
    <message>
        <source>the event</source>
        <translation>the event</translation>
    </message>
    <message>
        <source>the headline</source>
        <translation>the headline</translation>
    </message>
    <message>
        <source>the description</source>
        <translation>the description</translation>
    </message>
    <message>
        <source>the instruction</source>
        <translation>the instruction</translation>
    </message>
    <message>
        <source>%1: %2 is empty.</source>
        <translation>%1: %2 is empty.</translation>
    </message>
    <message>
        <source>%1: choose at least one category.</source>
        <translation>%1: choose at least one category.</translation>
    </message>
    <message>
        <source>Polygon line %1 is not “lat,lon”.</source>
        <translation>Polygon line %1 is not “lat,lon”.</translation>
    </message>
    <message>
        <source>Polygon line %1 is not a place on Earth.</source>
        <translation>Polygon line %1 is not a place on Earth.</translation>
    </message>
    <message>
        <source>Area &amp;description:</source>
        <translation>Area &amp;description:</translation>
    </message>
    <message>
        <source>&amp;Circle</source>
        <translation>&amp;Circle</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>&amp;Polygon</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>Latitude:</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>Longitude:</translation>
    </message>
    <message>
        <source>Radius:</source>
        <translation>Radius:</translation>
    </message>
    <message>
        <source>One corner per line as lat,lon, e.g.
16.4637,107.5909</source>
        <translation>One corner per line as lat,lon, e.g.
16.4637,107.5909</translation>
    </message>
    <message>
        <source>The area needs a description (the places it covers).</source>
        <translation>The area needs a description (the places it covers).</translation>
    </message>
    <message>
        <source>The polygon needs at least %1 corners.</source>
        <translation>The polygon needs at least %1 corners.</translation>
    </message>
    <message>
        <source>The area&apos;s description from the map is not text.</source>
        <translation>The area&apos;s description from the map is not text.</translation>
    </message>
    <message>
        <source>The map sent no area for the warning.</source>
        <translation>The map sent no area for the warning.</translation>
    </message>
    <message>
        <source>The area from the map must be either a circle or a polygon.</source>
        <translation>The area from the map must be either a circle or a polygon.</translation>
    </message>
    <message>
        <source>The circle from the map is malformed.</source>
        <translation>The circle from the map is malformed.</translation>
    </message>
    <message>
        <source>The circle&apos;s centre from the map is not a place on Earth.</source>
        <translation>The circle&apos;s centre from the map is not a place on Earth.</translation>
    </message>
    <message>
        <source>The circle&apos;s radius from the map must be more than 0 km.</source>
        <translation>The circle&apos;s radius from the map must be more than 0 km.</translation>
    </message>
    <message>
        <source>The circle&apos;s radius must be between %1 and %2 km.</source>
        <translation>The circle&apos;s radius must be between %1 and %2 km.</translation>
    </message>
    <message>
        <source>The polygon from the map is malformed.</source>
        <translation>The polygon from the map is malformed.</translation>
    </message>
    <message>
        <source>Polygon point %1 from the map is not a place on Earth.</source>
        <translation>Polygon point %1 from the map is not a place on Earth.</translation>
    </message>
</context>
<context>
    <name>WarningEditorDialog</name>
    <message>
        <source>Public warning from alert #%1</source>
        <extracomment>The identifier the preview shows until the server gives the draft its own.</extracomment>
        <translation>Public warning from alert #%1</translation>
    </message>
    <message>
        <source>Prefilled from the alert: check every text before saving. The Vietnamese block is required; the English one is for visitors.</source>
        <translation>Prefilled from the alert: check every text before saving. The Vietnamese block is required; the English one is for visitors.</translation>
    </message>
    <message>
        <source>New public warning</source>
        <translation>New public warning</translation>
    </message>
    <message>
        <source>The area comes from the map: write what happens and what people should do. The Vietnamese block is required; the English one is for visitors.</source>
        <translation>The area comes from the map: write what happens and what people should do. The Vietnamese block is required; the English one is for visitors.</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Vietnamese (vi-VN)</source>
        <translation>Vietnamese (vi-VN)</translation>
    </message>
    <message>
        <source>English (en-US)</source>
        <translation>English (en-US)</translation>
    </message>
    <message>
        <source>Include the &amp;English block</source>
        <translation>Include the &amp;English block</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>CAP 1.2 document (preview)</source>
        <translation>CAP 1.2 document (preview)</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>Save &amp;draft</translation>
    </message>
    <message>
        <source>Save and &amp;publish</source>
        <translation>Save and &amp;publish</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>(no preview: %1)</source>
        <translation>(no preview: %1)</translation>
    </message>
    <message>
        <source>Only an alert verified on camera as real can become a public warning.</source>
        <translation>Only an alert verified on camera as real can become a public warning.</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamese</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Not signed in: there is no outbox to save the warning in.</source>
        <translation>Not signed in: there is no outbox to save the warning in.</translation>
    </message>
    <message>
        <source>The warning cannot be sent as it is. Check every field and try again.</source>
        <translation>The warning cannot be sent as it is. Check every field and try again.</translation>
    </message>
    <message>
        <source>The warning was NOT saved: %1</source>
        <translation>The warning was NOT saved: %1</translation>
    </message>
    <message>
        <source>Warning not saved</source>
        <translation>Warning not saved</translation>
    </message>
</context>
<context>
    <name>WarningsList</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Other agency</source>
        <translation>Other agency</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Headline</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>&amp;Publish this draft</source>
        <translation>&amp;Publish this draft</translation>
    </message>
    <message>
        <source>Choose a warning to see its CAP 1.2 document.</source>
        <translation>Choose a warning to see its CAP 1.2 document.</translation>
    </message>
    <message>
        <source>CAP 1.2 document of warning #%1</source>
        <translation>CAP 1.2 document of warning #%1</translation>
    </message>
    <message>
        <source>CAP 1.2 document of warning #%1 (rebuilt on this computer: the server cannot be reached)</source>
        <translation>CAP 1.2 document of warning #%1 (rebuilt on this computer: the server cannot be reached)</translation>
    </message>
    <message>
        <source>The CAP document of warning #%1 needs the server, which cannot be reached.</source>
        <translation>The CAP document of warning #%1 needs the server, which cannot be reached.</translation>
    </message>
    <message>
        <source>Publishing was NOT queued: %1</source>
        <translation>Publishing was NOT queued: %1</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <source>&amp;Import a CAP file…</source>
        <translation>&amp;Import a CAP file…</translation>
    </message>
    <message>
        <source>Import a CAP 1.2 warning of another agency (at most 1 MiB)</source>
        <translation>Import a CAP 1.2 warning of another agency (at most 1 MiB)</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <source>Live events</source>
        <translation>Live events</translation>
    </message>
    <message>
        <source>Alert queues</source>
        <translation>Alert queues</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Dashboards</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Meetings</translation>
    </message>
</context>
<context>
    <name>_BulkCloseDialog</name>
    <message>
        <source>Close alerts</source>
        <translation>Close alerts</translation>
    </message>
    <message>
        <source>Close %1 alerts — why?</source>
        <translation>Close %1 alerts — why?</translation>
    </message>
    <message>
        <source>Close %1 alerts</source>
        <translation>Close %1 alerts</translation>
    </message>
</context>
<context>
    <name>_BulkDispatchDialog</name>
    <message>
        <source>Dispatch alerts</source>
        <translation>Dispatch alerts</translation>
    </message>
    <message>
        <source>Dispatch %1 alerts to the unit in charge</source>
        <translation>Dispatch %1 alerts to the unit in charge</translation>
    </message>
</context>
</TS>
