<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Agenda</source>
        <translation>Chương trình họp</translation>
    </message>
    <message>
        <source>◀ Previous item</source>
        <translation>◀ Nội dung trước</translation>
    </message>
    <message>
        <source>Next item ▶</source>
        <translation>Nội dung tiếp ▶</translation>
    </message>
    <message>
        <source>Discuss this item</source>
        <translation>Chuyển sang nội dung này</translation>
    </message>
    <message>
        <source>Make the chosen item the one under discussion</source>
        <translation>Đưa nội dung đang chọn ra thảo luận</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation>Mời phát biểu</translation>
    </message>
    <message>
        <source>End the turn</source>
        <translation>Kết thúc lượt</translation>
    </message>
    <message>
        <source>Move the speaker up the list</source>
        <translation>Đưa người phát biểu lên trước</translation>
    </message>
    <message>
        <source>Move the speaker down the list</source>
        <translation>Đưa người phát biểu xuống sau</translation>
    </message>
    <message>
        <source>Conclusions</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <source>Record a conclusion…</source>
        <translation>Ghi kết luận…</translation>
    </message>
    <message>
        <source>(%1 min)</source>
        <translation>(%1 phút)</translation>
    </message>
    <message>
        <source>No agenda item</source>
        <translation>Không có nội dung nào</translation>
    </message>
    <message>
        <source>Presenter: %1</source>
        <translation>Trình bày: %1</translation>
    </message>
    <message>
        <source>Task created: %1</source>
        <translation>Đã giao nhiệm vụ: %1</translation>
    </message>
    <message>
        <source>Withdraw my request</source>
        <translation>Rút đăng ký phát biểu</translation>
    </message>
    <message>
        <source>Ask to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
</context>
<context>
    <name>AlarmSpot</name>
    <message>
        <source> (+%1 waiting)</source>
        <translation> (+%1 đang chờ)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Xác minh…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Take the alarm off the wall without acting on it (it stays in the event log)</source>
        <translation>Gỡ báo động khỏi tường video mà không xử lý (vẫn còn trong nhật ký sự kiện)</translation>
    </message>
</context>
<context>
    <name>AlertActions</name>
    <message>
        <source>View snapshot</source>
        <translation>Xem ảnh chụp</translation>
    </message>
    <message>
        <source>View snapshot (cached copy)</source>
        <translation>Xem ảnh chụp (bản lưu trên máy)</translation>
    </message>
    <message>
        <source>The server cannot be reached now; this shows the copy saved on this computer.</source>
        <translation>Hiện không kết nối được máy chủ; đây là bản lưu trên máy này.</translation>
    </message>
    <message>
        <source>View snapshot (needs the server)</source>
        <translation>Xem ảnh chụp (cần máy chủ)</translation>
    </message>
    <message>
        <source>The snapshot image is fetched from the server, which cannot be reached now.</source>
        <translation>Ảnh chụp được tải từ máy chủ, hiện không kết nối được.</translation>
    </message>
    <message>
        <source>The disk of this computer is full. Free some disk space, then try again.</source>
        <translation>Ổ đĩa của máy này đã đầy. Hãy giải phóng dung lượng rồi thử lại.</translation>
    </message>
    <message>
        <source>The local cache could not save it: %1</source>
        <translation>Bộ nhớ đệm trên máy không lưu được: %1</translation>
    </message>
    <message>
        <source>What was entered cannot be sent as it is (too long, or empty). Check it and try again.</source>
        <translation>Dữ liệu đã nhập không gửi được như hiện tại (quá dài hoặc để trống). Hãy kiểm tra rồi thử lại.</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Lỗi không mong đợi: %1</translation>
    </message>
    <message>
        <source>Action not saved</source>
        <translation>Thao tác chưa được lưu</translation>
    </message>
    <message>
        <source>The action was NOT saved and will not be sent.
%1</source>
        <translation>Thao tác KHÔNG được lưu và sẽ không được gửi.
%1</translation>
    </message>
    <message>
        <source>Snapshot of alert #%1 (cached copy, the server cannot be reached)</source>
        <translation>Ảnh chụp của cảnh báo #%1 (bản lưu trên máy, không kết nối được máy chủ)</translation>
    </message>
    <message>
        <source>Snapshot of alert #%1</source>
        <translation>Ảnh chụp của cảnh báo #%1</translation>
    </message>
    <message>
        <source>Could not fetch the snapshot: %1</source>
        <translation>Không tải được ảnh chụp: %1</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Tiếp nhận</translation>
    </message>
    <message>
        <source>&amp;Verify on camera…</source>
        <translation>&amp;Xác minh qua camera…</translation>
    </message>
    <message>
        <source>&amp;Dispatch to a unit…</source>
        <translation>Điều &amp;phối cho đơn vị…</translation>
    </message>
    <message>
        <source>&amp;Start handling</source>
        <translation>&amp;Bắt đầu xử lý</translation>
    </message>
    <message>
        <source>&amp;Close…</source>
        <translation>Đó&amp;ng…</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Thêm &amp;ghi chú…</translation>
    </message>
</context>
<context>
    <name>AlertDetailPane</name>
    <message>
        <source>Detected</source>
        <extracomment>Snapshots kept decoded in memory (one pane; an operator walks back and forth over a few dozen). How often the SLA line is recomputed (&quot;due in 3 min&quot; must tick down while nothing changes).</extracomment>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Detection bundled</source>
        <translation>Gộp lần phát hiện</translation>
    </message>
    <message>
        <source>State changed</source>
        <translation>Đổi trạng thái</translation>
    </message>
    <message>
        <source>Verified on camera</source>
        <translation>Xác minh qua camera</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Điều phối</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Bulk action</source>
        <translation>Thao tác hàng loạt</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>Vi phạm SLA</translation>
    </message>
    <message>
        <source>Public warning</source>
        <translation>Cảnh báo công khai</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>đơn vị %1</translation>
    </message>
    <message>
        <source>(bulk)</source>
        <translation>(hàng loạt)</translation>
    </message>
    <message>
        <source>Open camera on the wall</source>
        <translation>Mở camera trên tường video</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Xem trên bản đồ</translation>
    </message>
    <message>
        <source>Draft warning…</source>
        <translation>Soạn cảnh báo công khai…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Choose an alert in a queue to see it here.</source>
        <translation>Chọn một cảnh báo trong hàng đợi để xem tại đây.</translation>
    </message>
    <message>
        <source>No alert selected</source>
        <translation>Chưa chọn cảnh báo nào</translation>
    </message>
    <message>
        <source>Camera %1 — %2 — %3</source>
        <translation>Camera %1 — %2 — %3</translation>
    </message>
    <message>
        <source>Alert #%1</source>
        <translation>Cảnh báo #%1</translation>
    </message>
    <message>
        <source>1 detection at %1, confidence %2% (repeats within %3 join this alert)</source>
        <translation>1 lần phát hiện lúc %1, độ tin cậy %2% (phát hiện lặp lại trong vòng %3 được gộp vào cảnh báo này)</translation>
    </message>
    <message>
        <source>%1 detections from %2 to %3 (over %4), latest confidence %5% (bundling window %6)</source>
        <translation>%1 lần phát hiện từ %2 đến %3 (trong %4), độ tin cậy gần nhất %5% (khoảng gộp %6)</translation>
    </message>
    <message>
        <source>Closed: no deadline running.</source>
        <translation>Đã đóng: không còn thời hạn xử lý.</translation>
    </message>
    <message>
        <source>OVERDUE: not acknowledged, due %1 (overdue by %2)</source>
        <translation>QUÁ HẠN: chưa tiếp nhận, hạn %1 (quá hạn %2)</translation>
    </message>
    <message>
        <source>OVERDUE: not closed, due %1 (overdue by %2)</source>
        <translation>QUÁ HẠN: chưa đóng, hạn %1 (quá hạn %2)</translation>
    </message>
    <message>
        <source>Acknowledge by %1 (in %2)</source>
        <translation>Tiếp nhận trước %1 (còn %2)</translation>
    </message>
    <message>
        <source>Close by %1 (in %2)</source>
        <translation>Đóng trước %1 (còn %2)</translation>
    </message>
    <message>
        <source>No deadline for this alert.</source>
        <translation>Cảnh báo này không có thời hạn xử lý.</translation>
    </message>
    <message>
        <source>(the SLA was breached)</source>
        <translation>(đã vi phạm SLA)</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Chưa có ghi chú.</translation>
    </message>
    <message>
        <source>No video wall in this console.</source>
        <translation>Bảng điều hành này không có tường video.</translation>
    </message>
    <message>
        <source>This console has no map workspace yet; the place is in the alert (ward, coordinates).</source>
        <translation>Bảng điều hành này chưa có bản đồ; vị trí có trong cảnh báo (phường/xã, tọa độ).</translation>
    </message>
    <message>
        <source>Only an alert verified on camera as real can become a public warning.</source>
        <translation>Chỉ cảnh báo đã được xác minh qua camera là sự cố thật mới có thể chuyển thành cảnh báo công khai.</translation>
    </message>
    <message>
        <source>Loading the snapshot…</source>
        <translation>Đang tải ảnh chụp…</translation>
    </message>
    <message>
        <source>The snapshot cannot be shown: the server cannot be reached and no copy is saved here.</source>
        <translation>Không hiển thị được ảnh chụp: không kết nối được máy chủ và máy này không có bản lưu.</translation>
    </message>
    <message>
        <source>The snapshot cannot be shown: %1</source>
        <translation>Không hiển thị được ảnh chụp: %1</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Đang tải lịch sử…</translation>
    </message>
    <message>
        <source>The history could not be loaded: %1</source>
        <translation>Không tải được lịch sử: %1</translation>
    </message>
    <message>
        <source>system</source>
        <translation>hệ thống</translation>
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
        <translation>Ghi chú quá dài: %1 ký tự, tối đa %2.</translation>
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
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 giờ</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 ngày</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 ngày %2 giờ</translation>
    </message>
</context>
<context>
    <name>AlertFilterBar</name>
    <message>
        <source>last hour</source>
        <translation>1 giờ qua</translation>
    </message>
    <message>
        <source>last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>mọi thời điểm</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Thời gian: %1</translation>
    </message>
    <message>
        <source>Categories: %1</source>
        <translation>Nhóm: %1</translation>
    </message>
    <message>
        <source>Statuses: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <source>Wards: %1</source>
        <translation>Phường/xã: %1</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Bỏ bộ lọc</translation>
    </message>
    <message>
        <source>Filter from the map applied — %1</source>
        <translation>Đang áp dụng bộ lọc từ bản đồ — %1</translation>
    </message>
</context>
<context>
    <name>AlertQueueList</name>
    <message>
        <source>All open</source>
        <translation>Tất cả chưa đóng</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Giao thông</translation>
    </message>
    <message>
        <source>Urban order</source>
        <translation>Trật tự đô thị</translation>
    </message>
    <message>
        <source>Public safety</source>
        <translation>An toàn công cộng</translation>
    </message>
    <message>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <source>Natural disaster</source>
        <translation>Thiên tai</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Của tôi</translation>
    </message>
    <message>
        <source>New (not acknowledged)</source>
        <translation>Mới (chưa tiếp nhận)</translation>
    </message>
    <message>
        <source>SLA breached (escalation)</source>
        <translation>Vi phạm SLA (chuyển cấp trên)</translation>
    </message>
    <message>
        <source>False alarms to review</source>
        <translation>Báo động giả cần rà soát</translation>
    </message>
</context>
<context>
    <name>AlertQueueModel</name>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Phát hiện lúc</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Người phụ trách</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Số lần phát hiện</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>quá hạn %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>còn %1</translation>
    </message>
    <message>
        <source>%1 → %2 (waiting to send)</source>
        <extracomment>Source rows whose alert changed in place (sorted), after their ``dataChanged``. Per-queue counts or &quot;new&quot; badges changed. Alerts that arrived live (not from the cache or a catch-up page): new to this console.</extracomment>
        <translation>%1 → %2 (đang chờ gửi)</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (%2 trước)</translation>
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
        <translation>vừa xong</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 phút trước</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 giờ trước</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 ngày trước</translation>
    </message>
    <message>
        <source>Newest critical</source>
        <translation>Nghiêm trọng mới nhất</translation>
    </message>
    <message>
        <source>Critical %1 of %2</source>
        <translation>Nghiêm trọng %1/%2</translation>
    </message>
    <message>
        <source>%1 not acknowledged</source>
        <translation>%1 chưa tiếp nhận</translation>
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
        <translation>Nhấp chuột hoặc nhấn Enter để mở cảnh báo này trong hàng đợi cảnh báo</translation>
    </message>
    <message>
        <source>Critical alerts</source>
        <translation>Cảnh báo nghiêm trọng</translation>
    </message>
    <message>
        <source>No unacknowledged critical alerts</source>
        <translation>Không có cảnh báo nghiêm trọng nào chưa tiếp nhận</translation>
    </message>
</context>
<context>
    <name>AlertsWorkspace</name>
    <message>
        <source>Could not load the alerts: %1</source>
        <translation>Không tải được cảnh báo: %1</translation>
    </message>
    <message>
        <source>New critical alert: %1 — %2</source>
        <translation>Cảnh báo nghiêm trọng mới: %1 — %2</translation>
    </message>
    <message>
        <source>No sound on this computer (Qt Multimedia unavailable): critical alerts only flash</source>
        <translation>Máy này không phát được âm thanh (thiếu Qt Multimedia): cảnh báo nghiêm trọng chỉ nhấp nháy</translation>
    </message>
    <message>
        <source>The filter from the map could not be read; the queues are unchanged.</source>
        <translation>Không đọc được bộ lọc từ bản đồ; hàng đợi giữ nguyên.</translation>
    </message>
    <message>
        <source>Alerts behind the dashboard figure: %1 open alerts shown.</source>
        <translation>Cảnh báo đứng sau số liệu của bảng điều khiển: đang hiển thị %1 cảnh báo chưa đóng.</translation>
    </message>
    <message>
        <source>Filter from the map applied: %1 alerts shown.</source>
        <translation>Đã áp dụng bộ lọc từ bản đồ: hiển thị %1 cảnh báo.</translation>
    </message>
    <message>
        <source>Your role may not draft public warnings.</source>
        <translation>Vai trò của bạn không được soạn cảnh báo công khai.</translation>
    </message>
    <message>
        <source>No warning drafted: the area from the map is not valid. %1</source>
        <translation>Chưa soạn cảnh báo công khai: khu vực từ bản đồ không hợp lệ. %1</translation>
    </message>
    <message>
        <source>A new public warning is open with the area drawn on the map.</source>
        <translation>Đã mở cảnh báo công khai mới với khu vực vẽ trên bản đồ.</translation>
    </message>
    <message>
        <source>%1: %2 alerts</source>
        <translation>%1: %2 cảnh báo</translation>
    </message>
    <message>
        <source>Alert queues: acknowledge the alert (or all marked ones)</source>
        <translation>Hàng đợi cảnh báo: tiếp nhận cảnh báo (hoặc mọi cảnh báo đã đánh dấu)</translation>
    </message>
    <message>
        <source>Alert queues: verify the alert on camera…</source>
        <translation>Hàng đợi cảnh báo: xác minh cảnh báo qua camera…</translation>
    </message>
    <message>
        <source>Alert queues: dispatch the alert (or all marked ones) to a unit…</source>
        <translation>Hàng đợi cảnh báo: điều cảnh báo (hoặc mọi cảnh báo đã đánh dấu) cho đơn vị xử lý…</translation>
    </message>
    <message>
        <source>Alert queues: start handling the alert</source>
        <translation>Hàng đợi cảnh báo: bắt đầu xử lý cảnh báo</translation>
    </message>
    <message>
        <source>Alert queues: close the alert (or all marked ones)…</source>
        <translation>Hàng đợi cảnh báo: đóng cảnh báo (hoặc mọi cảnh báo đã đánh dấu)…</translation>
    </message>
    <message>
        <source>Alert queues: add a note to the alert…</source>
        <translation>Hàng đợi cảnh báo: thêm ghi chú cho cảnh báo…</translation>
    </message>
    <message>
        <source>Alert queues: false alarm (the alert or all marked ones)…</source>
        <translation>Hàng đợi cảnh báo: báo động giả (cảnh báo này hoặc mọi cảnh báo đã đánh dấu)…</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>Public warnings</source>
        <translation>Cảnh báo công khai</translation>
    </message>
    <message>
        <source>Funnel and false alarms</source>
        <translation>Phễu và báo động giả</translation>
    </message>
    <message>
        <source>Filter: analytic, place, camera, owner, #id</source>
        <translation>Lọc: loại phân tích, địa điểm, camera, người phụ trách, #id</translation>
    </message>
    <message>
        <source>Mute the critical-alert sound</source>
        <translation>Tắt âm báo cảnh báo nghiêm trọng</translation>
    </message>
    <message>
        <source>Volume of the critical-alert sound</source>
        <translation>Âm lượng âm báo cảnh báo nghiêm trọng</translation>
    </message>
    <message>
        <source>Your role does not see alerts.</source>
        <translation>Vai trò của bạn không được xem cảnh báo.</translation>
    </message>
    <message>
        <source>Alert &amp;ticker</source>
        <translation>&amp;Dải cảnh báo</translation>
    </message>
</context>
<context>
    <name>BriefingMode</name>
    <message>
        <source>Blank screen (B to show)</source>
        <extracomment>Fonts grow by this much on the big screen (12 pt → 21 pt: readable from the back of the room).</extracomment>
        <translation>Màn hình đen (bấm B để hiện lại)</translation>
    </message>
    <message>
        <source>Next page every %1 s</source>
        <translation>Tự chuyển trang sau mỗi %1 giây</translation>
    </message>
    <message>
        <source>Rotation paused (A to resume)</source>
        <translation>Đã dừng tự chuyển trang (bấm A để tiếp tục)</translation>
    </message>
</context>
<context>
    <name>BriefingPack</name>
    <message>
        <source>time not known</source>
        <extracomment>The pages&apos; pictures are asked for at this size (pixels), then fitted to the page. After a page is brought up on screen (a workspace shown, a view applied) it is given this long to paint before its picture is taken. Then its ``ready()`` is asked this often (a timer: the window keeps painting, Cancel is heard)... ...for at most this long; past it the page is pictured as it is, with a note saying so.</extracomment>
        <translation>chưa rõ thời điểm</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>lúc %1</translation>
    </message>
    <message>
        <source>offline cache</source>
        <translation>bộ nhớ đệm ngoại tuyến</translation>
    </message>
</context>
<context>
    <name>BriefingPackBuilder</name>
    <message>
        <source>Briefing pack</source>
        <translation>Gói giao ban</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>không tạo được tệp PDF</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Trang bìa</translation>
    </message>
    <message>
        <source>a page could not be added to the PDF</source>
        <translation>không thêm được trang vào tệp PDF</translation>
    </message>
    <message>
        <source>the file could not be written</source>
        <translation>không ghi được tệp</translation>
    </message>
    <message>
        <source>Made %1 by %2</source>
        <translation>Lập lúc %1, người lập: %2</translation>
    </message>
    <message>
        <source>Intelligent Operations Centre, Huế</source>
        <translation>Trung tâm Giám sát, điều hành đô thị thông minh Huế</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Figures not yet fresh: the page was pictured before its figures were updated.</source>
        <translation>Số liệu chưa được cập nhật: trang được chụp trước khi số liệu mới về.</translation>
    </message>
    <message>
        <source>No picture: %1</source>
        <translation>Không có hình: %1</translation>
    </message>
    <message>
        <source>Figures not available: %1</source>
        <translation>Không lấy được số liệu: %1</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Số liệu chính</translation>
    </message>
    <message>
        <source>None on this page.</source>
        <translation>Trang này không có số liệu.</translation>
    </message>
</context>
<context>
    <name>BriefingSetupDialog</name>
    <message>
        <source>Briefing pages</source>
        <translation>Các trang giao ban</translation>
    </message>
    <message>
        <source>Tick the pages to show on the leaders&apos; screen and in the briefing pack; drag them, or use Up and Down, to set their order.</source>
        <translation>Đánh dấu các trang hiển thị trên màn hình lãnh đạo và trong gói giao ban; kéo thả, hoặc dùng Lên và Xuống, để sắp thứ tự.</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>Each page stays up for</source>
        <translation>Mỗi trang hiển thị trong</translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <source>Remove from favourites</source>
        <translation>Bỏ khỏi danh sách yêu thích</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>Thêm vào danh sách yêu thích</translation>
    </message>
    <message>
        <source>Search cameras (name, ward, id)…</source>
        <translation>Tìm camera (tên, phường, mã)…</translation>
    </message>
    <message>
        <source>Group by ward</source>
        <translation>Nhóm theo phường</translation>
    </message>
    <message>
        <source>Group by category</source>
        <translation>Nhóm theo loại</translation>
    </message>
    <message>
        <source>Tour this group on the wall</source>
        <translation>Tuần tra nhóm này trên tường video</translation>
    </message>
</context>
<context>
    <name>CameraTreeModel</name>
    <message>
        <source>online</source>
        <extracomment>MIME type of a camera drag: a JSON list of camera ids (one camera, or a whole group in order).</extracomment>
        <translation>trực tuyến</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>chập chờn</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>mất kết nối</translation>
    </message>
    <message>
        <source>★ Favourites</source>
        <translation>★ Yêu thích</translation>
    </message>
    <message>
        <source>(no ward)</source>
        <translation>(không rõ phường)</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(không rõ loại)</translation>
    </message>
    <message>
        <source>Drag the group onto the wall to show all its cameras</source>
        <translation>Kéo nhóm vào tường video để xem mọi camera của nhóm</translation>
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
        <translation>Nhập cảnh báo CAP 1.2</translation>
    </message>
    <message>
        <source>CAP documents (*.xml *.cap)</source>
        <translation>Tài liệu CAP (*.xml *.cap)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tất cả tệp (*)</translation>
    </message>
    <message>
        <source>Warning imported</source>
        <translation>Đã nhập cảnh báo</translation>
    </message>
    <message>
        <source>The warning was imported as #%1 and is shown with the other agencies&apos; warnings.</source>
        <translation>Cảnh báo đã được nhập với số #%1 và hiển thị cùng cảnh báo của các cơ quan khác.</translation>
    </message>
    <message>
        <source>The file is too large for a CAP warning: %1 KiB, at most %2 KiB.</source>
        <translation>Tệp quá lớn đối với một cảnh báo CAP: %1 KiB, tối đa %2 KiB.</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Không đọc được tệp: %1</translation>
    </message>
    <message>
        <source>The server refused the file: it is larger than 1 MiB.</source>
        <translation>Máy chủ từ chối tệp: tệp lớn hơn 1 MiB.</translation>
    </message>
    <message>
        <source>The server refused the file: it is not sent as XML.</source>
        <translation>Máy chủ từ chối tệp: tệp không được gửi dưới dạng XML.</translation>
    </message>
    <message>
        <source>This is not a valid CAP 1.2 warning, so nothing was imported.
The server says: %1</source>
        <translation>Đây không phải cảnh báo CAP 1.2 hợp lệ nên không có gì được nhập.
Máy chủ báo: %1</translation>
    </message>
    <message>
        <source>This warning was already imported (same identifier and sender); nothing changed.</source>
        <translation>Cảnh báo này đã được nhập trước đó (cùng mã định danh và nơi gửi); không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Your role may not import warnings.</source>
        <translation>Vai trò của bạn không được phép nhập cảnh báo.</translation>
    </message>
    <message>
        <source>The file is empty: there is no warning in it.</source>
        <translation>Tệp trống: không có cảnh báo nào trong tệp.</translation>
    </message>
    <message>
        <source>The warning could not be imported: %1</source>
        <translation>Không nhập được cảnh báo: %1</translation>
    </message>
    <message>
        <source>Warning not imported</source>
        <translation>Chưa nhập cảnh báo</translation>
    </message>
</context>
<context>
    <name>CloseAlertDialog</name>
    <message>
        <source>Close alert</source>
        <translation>Đóng cảnh báo</translation>
    </message>
    <message>
        <source>Close alert #%1 — why?</source>
        <translation>Đóng cảnh báo #%1 — lý do?</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Ghi chú (không bắt buộc):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ConclusionDialog</name>
    <message>
        <source>Record a conclusion</source>
        <translation>Ghi kết luận</translation>
    </message>
    <message>
        <source>Assign a task to a unit</source>
        <translation>Giao nhiệm vụ cho đơn vị</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>Write the conclusion.</source>
        <translation>Hãy nhập nội dung kết luận.</translation>
    </message>
    <message>
        <source>Give the task a title.</source>
        <translation>Hãy đặt tên cho nhiệm vụ.</translation>
    </message>
    <message>
        <source>Choose the unit that carries out the task.</source>
        <translation>Hãy chọn đơn vị thực hiện nhiệm vụ.</translation>
    </message>
    <message>
        <source>The deadline has already passed.</source>
        <translation>Thời hạn đã qua.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Conflict not resolved</source>
        <translation>Chưa giải quyết được xung đột</translation>
    </message>
    <message>
        <source>Your choice could not be saved: %1</source>
        <translation>Không lưu được lựa chọn của bạn: %1</translation>
    </message>
    <message>
        <source>No conflict selected.</source>
        <translation>Chưa chọn xung đột nào.</translation>
    </message>
    <message>
        <source>%1 if it was new</source>
        <translation>%1 (nếu cảnh báo còn mới)</translation>
    </message>
    <message>
        <source>%1 if it had none</source>
        <translation>%1 (nếu chưa có ai phụ trách)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Người phụ trách</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Xác minh</translation>
    </message>
    <message>
        <source>Dispatched to</source>
        <translation>Điều phối cho</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Close reason</source>
        <translation>Lý do đóng</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Current agenda item</source>
        <translation>Nội dung đang thảo luận</translation>
    </message>
    <message>
        <source>Someone changed these on the server after you acted. Compare, then re-apply your action on the new version or drop it. Nothing is sent until you choose.</source>
        <translation>Người khác đã thay đổi các mục này trên máy chủ sau khi bạn thao tác. Hãy so sánh, rồi áp dụng lại thao tác của bạn trên bản mới hoặc bỏ nó. Không có gì được gửi cho đến khi bạn chọn.</translation>
    </message>
    <message>
        <source>What I did</source>
        <translation>Thao tác của tôi</translation>
    </message>
    <message>
        <source>What the server has now</source>
        <translation>Bản hiện có trên máy chủ</translation>
    </message>
    <message>
        <source>Re-apply on the new version</source>
        <translation>Áp dụng lại trên bản mới</translation>
    </message>
    <message>
        <source>Drop my action</source>
        <translation>Bỏ thao tác của tôi</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>— trying now…</source>
        <translation>— đang thử kết nối…</translation>
    </message>
    <message>
        <source>— next try in %1 s</source>
        <translation>— thử lại sau %1 giây</translation>
    </message>
    <message>
        <source>Unstable</source>
        <translation>Chập chờn</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Connected to the IOC backend; live events are arriving.</source>
        <translation>Đã kết nối với máy chủ IOC; sự kiện trực tiếp đang được cập nhật.</translation>
    </message>
    <message>
        <source>The IOC backend answers slowly or with errors; the console keeps retrying. Your actions are saved and will be sent.</source>
        <translation>Máy chủ IOC phản hồi chậm hoặc báo lỗi; bảng điều hành vẫn tiếp tục thử lại. Thao tác của bạn đã được lưu và sẽ được gửi.</translation>
    </message>
    <message>
        <source>The IOC backend cannot be reached. You are working on saved data; your actions are kept and sent when the connection returns.</source>
        <translation>Không kết nối được máy chủ IOC. Bạn đang làm việc trên dữ liệu đã lưu; thao tác của bạn được giữ lại và gửi khi có kết nối trở lại.</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <source>Demo could not start</source>
        <translation>Không khởi động được chế độ trình diễn</translation>
    </message>
    <message>
        <source>The built-in demo backend could not be started: %1</source>
        <translation>Không khởi động được máy chủ trình diễn tích hợp: %1</translation>
    </message>
</context>
<context>
    <name>Dashboards</name>
    <message>
        <source>Citizen reports</source>
        <translation>Phản ánh của người dân</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Cảm biến</translation>
    </message>
    <message>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <source>Reports received</source>
        <translation>Phản ánh đã tiếp nhận</translation>
    </message>
    <message>
        <source>Reports processed</source>
        <translation>Phản ánh đã xử lý</translation>
    </message>
    <message>
        <source>Reports still open</source>
        <translation>Phản ánh chưa xử lý xong</translation>
    </message>
    <message>
        <source>Reports processed (share)</source>
        <translation>Phản ánh đã xử lý (tỷ lệ)</translation>
    </message>
    <message>
        <source>Reports with a deadline</source>
        <translation>Phản ánh có hạn xử lý</translation>
    </message>
    <message>
        <source>Reports processed on time</source>
        <translation>Phản ánh xử lý đúng hạn</translation>
    </message>
    <message>
        <source>Processed on time (share)</source>
        <translation>Xử lý đúng hạn (tỷ lệ)</translation>
    </message>
    <message>
        <source>Reports rated by citizens</source>
        <translation>Phản ánh được người dân đánh giá</translation>
    </message>
    <message>
        <source>Satisfied citizens</source>
        <translation>Người dân hài lòng</translation>
    </message>
    <message>
        <source>Citizen satisfaction</source>
        <translation>Mức độ hài lòng của người dân</translation>
    </message>
    <message>
        <source>Mean rating (1–5)</source>
        <translation>Điểm đánh giá trung bình (1–5)</translation>
    </message>
    <message>
        <source>Cameras working</source>
        <translation>Camera đang hoạt động</translation>
    </message>
    <message>
        <source>Cameras degraded</source>
        <translation>Camera chất lượng kém</translation>
    </message>
    <message>
        <source>Cameras without signal</source>
        <translation>Camera mất tín hiệu</translation>
    </message>
    <message>
        <source>Camera availability</source>
        <translation>Tỷ lệ camera hoạt động</translation>
    </message>
    <message>
        <source>Tasks open</source>
        <translation>Nhiệm vụ đang mở</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>Nhiệm vụ đã hoàn thành</translation>
    </message>
    <message>
        <source>Tasks done on time</source>
        <translation>Nhiệm vụ hoàn thành đúng hạn</translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation>Nhiệm vụ quá hạn</translation>
    </message>
    <message>
        <source>Tasks without a deadline</source>
        <translation>Nhiệm vụ không có hạn</translation>
    </message>
    <message>
        <source>Sensors normal</source>
        <translation>Cảm biến bình thường</translation>
    </message>
    <message>
        <source>Sensors at warning level</source>
        <translation>Cảm biến ở mức cảnh báo</translation>
    </message>
    <message>
        <source>Sensors in alarm</source>
        <translation>Cảm biến báo động</translation>
    </message>
    <message>
        <source>Sensors without signal</source>
        <translation>Cảm biến mất tín hiệu</translation>
    </message>
    <message>
        <source>AI detections</source>
        <translation>Phát hiện của AI</translation>
    </message>
    <message>
        <source>Alerts confirmed</source>
        <translation>Cảnh báo đã xác nhận</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>Báo động giả</translation>
    </message>
    <message>
        <source>Public warnings issued</source>
        <translation>Cảnh báo công khai đã phát</translation>
    </message>
    <message>
        <source>Alerts dispatched</source>
        <translation>Cảnh báo đã điều phối</translation>
    </message>
    <message>
        <source>Alerts closed</source>
        <translation>Cảnh báo đã đóng</translation>
    </message>
    <message>
        <source>per ward</source>
        <translation>theo phường, xã</translation>
    </message>
    <message>
        <source>per channel</source>
        <translation>theo kênh</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>theo ngày</translation>
    </message>
    <message>
        <source>per unit</source>
        <translation>theo đơn vị</translation>
    </message>
    <message>
        <source>per kind</source>
        <translation>theo loại</translation>
    </message>
    <message>
        <source>per category</source>
        <translation>theo nhóm</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <source>Warned</source>
        <translation>Đã cảnh báo</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Đã điều phối</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Vận hành</translation>
    </message>
    <message>
        <source>Leadership</source>
        <translation>Lãnh đạo</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 ngày qua</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Tùy chọn…</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>lúc %1</translation>
    </message>
    <message>
        <source>offline cache · as of %1</source>
        <translation>bộ nhớ đệm ngoại tuyến · lúc %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Alert funnel</source>
        <translation>Phễu cảnh báo</translation>
    </message>
    <message>
        <source>Click to open the records behind this figure</source>
        <translation>Bấm để mở các hồ sơ đứng sau số liệu này</translation>
    </message>
    <message>
        <source>No figures yet: %1</source>
        <translation>Chưa có số liệu: %1</translation>
    </message>
</context>
<context>
    <name>DashboardsWorkspace</name>
    <message>
        <source>&amp;Dashboard:</source>
        <extracomment>A dashboard became current and its cards exist (tests, briefing). Every request of the current dashboard has an answer shown (fresh or from the cache). During a briefing or a pack: (id, definition) of the dashboard the user had on screen, with its unsaved period and ward; None otherwise (then the one on screen is the user&apos;s).</extracomment>
        <translation>&amp;Bảng điều khiển:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Thời gian:</translation>
    </message>
    <message>
        <source>From (Huế time)</source>
        <translation>Từ (giờ Huế)</translation>
    </message>
    <message>
        <source>Until (Huế time)</source>
        <translation>Đến (giờ Huế)</translation>
    </message>
    <message>
        <source>&amp;Ward:</source>
        <translation>&amp;Phường, xã:</translation>
    </message>
    <message>
        <source>Re&amp;fresh the figures now</source>
        <translation>Làm &amp;mới số liệu ngay</translation>
    </message>
    <message>
        <source>Save a copy, rename or delete dashboards</source>
        <translation>Lưu bản sao, đổi tên hoặc xóa bảng điều khiển</translation>
    </message>
    <message>
        <source>&amp;Save a copy as…</source>
        <translation>Lưu bản &amp;sao thành…</translation>
    </message>
    <message>
        <source>&amp;Keep the period and ward in this dashboard</source>
        <translation>&amp;Lưu khoảng thời gian và phường, xã vào bảng này</translation>
    </message>
    <message>
        <source>&amp;Edit the figures and layout…</source>
        <translation>Sửa số liệu và &amp;bố cục…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>Đổi &amp;tên…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Xóa…</translation>
    </message>
    <message>
        <source> (waiting to send)</source>
        <translation> (đang chờ gửi)</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>Tất cả phường, xã</translation>
    </message>
    <message>
        <source>There is no dashboard named “%1” on this console.</source>
        <translation>Bảng điều khiển “%1” không có trên máy này.</translation>
    </message>
    <message>
        <source>The period must start before it ends.</source>
        <translation>Thời điểm bắt đầu phải trước thời điểm kết thúc.</translation>
    </message>
    <message>
        <source>The records behind this figure cannot be opened here.</source>
        <translation>Không thể mở các hồ sơ đứng sau số liệu này tại đây.</translation>
    </message>
    <message>
        <source>The saved dashboard “%1” could not be read and is not shown: %2</source>
        <translation>Không đọc được bảng điều khiển đã lưu “%1” nên không hiển thị: %2</translation>
    </message>
    <message>
        <source>Save a copy of the dashboard</source>
        <translation>Lưu bản sao bảng điều khiển</translation>
    </message>
    <message>
        <source>Name of the new dashboard (its figures, period and ward are saved):</source>
        <translation>Tên bảng điều khiển mới (lưu cả số liệu, khoảng thời gian và phường, xã):</translation>
    </message>
    <message>
        <source>Sign in first: dashboards are saved for your account.</source>
        <translation>Hãy đăng nhập trước: bảng điều khiển được lưu theo tài khoản của bạn.</translation>
    </message>
    <message>
        <source>Rename the dashboard</source>
        <translation>Đổi tên bảng điều khiển</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Tên mới:</translation>
    </message>
    <message>
        <source>Delete the dashboard</source>
        <translation>Xóa bảng điều khiển</translation>
    </message>
    <message>
        <source>Delete the dashboard “%1”?</source>
        <translation>Xóa bảng điều khiển “%1”?</translation>
    </message>
    <message>
        <source>The change to your dashboards was NOT made: %1</source>
        <translation>Thay đổi bảng điều khiển của bạn CHƯA được thực hiện: %1</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Bảng điều khiển</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>từ %1 đến %2</translation>
    </message>
</context>
<context>
    <name>DefinitionEditor</name>
    <message>
        <source>Dashboard figures and layout</source>
        <translation>Số liệu và bố cục bảng điều khiển</translation>
    </message>
    <message>
        <source>Each widget: kind (tile, bars, line, funnel), source (reports, cameras, tasks, sensors, alert_funnel), figure, group_by, and its place on the 6-column grid (row, col, row_span, col_span). Filters: period (today, 7d, 30d, custom) and ward.</source>
        <translation>Mỗi ô: kind (tile, bars, line, funnel), source (reports, cameras, tasks, sensors, alert_funnel), figure, group_by và vị trí trên lưới 6 cột (row, col, row_span, col_span). Bộ lọc: period (today, 7d, 30d, custom) và ward.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Chưa lưu: %1</translation>
    </message>
</context>
<context>
    <name>DispatchAlertDialog</name>
    <message>
        <source>The unit name is too long: %1 characters, at most %2.</source>
        <translation>Tên đơn vị quá dài: %1 ký tự, tối đa %2.</translation>
    </message>
    <message>
        <source>Dispatch alert</source>
        <translation>Điều phối xử lý cảnh báo</translation>
    </message>
    <message>
        <source>Dispatch alert #%1 to the unit in charge</source>
        <translation>Điều phối cảnh báo #%1 cho đơn vị phụ trách</translation>
    </message>
    <message>
        <source>Already dispatched to %1 by %2 at %3. A new unit replaces it.</source>
        <translation>Đã điều phối cho %1 (%2, lúc %3). Đơn vị mới chọn sẽ thay thế.</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>Đơn &amp;vị xử lý:</translation>
    </message>
    <message>
        <source>Choose from the list or type the unit&apos;s name</source>
        <translation>Chọn trong danh sách hoặc nhập tên đơn vị</translation>
    </message>
    <message>
        <source>Suggestions for this kind of alert, most relevant first. You may also type another unit.</source>
        <translation>Gợi ý theo loại cảnh báo, phù hợp nhất ở trên cùng. Có thể nhập đơn vị khác.</translation>
    </message>
    <message>
        <source>The alert moves to “%1”.</source>
        <translation>Cảnh báo sẽ chuyển sang “%1”.</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Ghi chú (không bắt buộc):</translation>
    </message>
    <message>
        <source>What the unit should know</source>
        <translation>Thông tin đơn vị cần biết</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Điều phối</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>DocumentReader</name>
    <message>
        <source>This meeting has no documents.</source>
        <extracomment>Documents kept open in memory, so following a presenter between documents is instant. {&quot;kind&quot;: &quot;document&quot;, &quot;document_id&quot;, &quot;page&quot;, &quot;zoom&quot;}: what the reader shows now</extracomment>
        <translation>Cuộc họp này chưa có tài liệu.</translation>
    </message>
    <message>
        <source>Choose a document to read.</source>
        <translation>Chọn một tài liệu để đọc.</translation>
    </message>
    <message>
        <source>This document was removed from the meeting.</source>
        <translation>Tài liệu này đã bị gỡ khỏi cuộc họp.</translation>
    </message>
    <message>
        <source>Opening “%1”…</source>
        <translation>Đang mở “%1”…</translation>
    </message>
    <message>
        <source>The saved copy of this document is damaged and the server cannot be reached. It will be fetched again when the connection is back.</source>
        <translation>Bản lưu của tài liệu này bị hỏng và không kết nối được máy chủ. Tài liệu sẽ được tải lại khi có kết nối.</translation>
    </message>
    <message>
        <source>This document was not saved for offline reading and the server cannot be reached.</source>
        <translation>Tài liệu này chưa được lưu để đọc ngoại tuyến và không kết nối được máy chủ.</translation>
    </message>
    <message>
        <source>The document could not be opened: %1</source>
        <translation>Không mở được tài liệu: %1</translation>
    </message>
    <message>
        <source>Saved for offline reading</source>
        <translation>Đã lưu để đọc ngoại tuyến</translation>
    </message>
    <message>
        <source>Fetched from the server; saved for offline reading</source>
        <translation>Tải từ máy chủ; đã lưu để đọc ngoại tuyến</translation>
    </message>
    <message>
        <source>The saved copy was damaged; fetched again</source>
        <translation>Bản lưu bị hỏng; đã tải lại</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>⏳ %2 — waiting to send · %1</source>
        <extracomment>Put in front of a row&apos;s summary while the operator&apos;s action on it waits in the outbox (in front, because the end of a long summary is cut off in a narrow column).</extracomment>
        <translation>⏳ %2 — đang chờ gửi · %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Severity / status</source>
        <translation>Mức độ / trạng thái</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Nội dung</translation>
    </message>
</context>
<context>
    <name>EventLogView</name>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Lọc:</translation>
    </message>
    <message>
        <source>Ward, camera, analytic, status… (%1)</source>
        <translation>Phường, camera, loại phân tích, trạng thái… (%1)</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Hiển thị:</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Tất cả mức độ</translation>
    </message>
    <message>
        <source>Warning and critical</source>
        <translation>Cảnh báo và nghiêm trọng</translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation>Chỉ nghiêm trọng</translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation>Theo dõi mới nhất</translation>
    </message>
    <message>
        <source>Keep the newest event in view as events arrive</source>
        <translation>Luôn hiển thị sự kiện mới nhất khi có sự kiện đến</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Sự kiện: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Đang hiển thị: %1 / %2</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>AI alert</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Phản ánh</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Cảm biến</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <source>Public warning</source>
        <translation>Bản tin cảnh báo</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Nghiêm trọng</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mới tiếp nhận</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Action scheduled</source>
        <translation>Đã lên lịch xử lý</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <source>Not our responsibility</source>
        <translation>Không thuộc thẩm quyền</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Báo động</translation>
    </message>
    <message>
        <source>No signal</source>
        <translation>Mất tín hiệu</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Chập chờn</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Chưa thực hiện</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Đã lên lịch</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Đã phát hành</translation>
    </message>
    <message>
        <source>From another agency</source>
        <translation>Từ cơ quan khác</translation>
    </message>
    <message>
        <source>Warning update</source>
        <translation>Cập nhật cảnh báo</translation>
    </message>
    <message>
        <source>Warning cancelled</source>
        <translation>Hủy cảnh báo</translation>
    </message>
    <message>
        <source>exercise</source>
        <translation>diễn tập</translation>
    </message>
    <message>
        <source>test</source>
        <translation>thử nghiệm</translation>
    </message>
    <message>
        <source>system message</source>
        <translation>tin hệ thống</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>đã giải quyết</translation>
    </message>
    <message>
        <source>false alarm</source>
        <translation>báo động giả</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>trùng lặp</translation>
    </message>
    <message>
        <source>no action needed</source>
        <translation>không cần xử lý</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>sự cố thật</translation>
    </message>
    <message>
        <source>Hue-S app</source>
        <translation>ứng dụng Hue-S</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>đường dây nóng</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Điều hành viên</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Giám sát viên</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Lãnh đạo</translation>
    </message>
    <message>
        <source>Meeting participant</source>
        <translation>Thành viên dự họp</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>Verified: %1 by %2 %3</source>
        <translation>Đã xác minh: %1 (%2, lúc %3)</translation>
    </message>
    <message>
        <source>Dispatched to %1 by %2 %3</source>
        <translation>Đã điều phối cho %1 (%2, lúc %3)</translation>
    </message>
    <message>
        <source>%n detections</source>
        <translation>%n lần phát hiện</translation>
    </message>
    <message>
        <source>SLA breached at %1</source>
        <translation>Quá hạn xử lý lúc %1</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>Quá hạn xử lý</translation>
    </message>
    <message>
        <source>%1 %2 was removed</source>
        <translation>%1 %2 đã bị xóa</translation>
    </message>
    <message>
        <source>%1 at camera %2, confidence %3%</source>
        <translation>%1 tại camera %2, độ tin cậy %3%</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>chưa có số đo</translation>
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
        <translation>Nhiệm vụ “%1” giao %2: %3</translation>
    </message>
    <message>
        <source>Meeting “%1” at %2: %3</source>
        <translation>Cuộc họp “%1” tại %2: %3</translation>
    </message>
    <message>
        <source>%1 “%2”: %3</source>
        <translation>%1 “%2”: %3</translation>
    </message>
    <message>
        <source>from alert #%1</source>
        <translation>từ cảnh báo AI #%1</translation>
    </message>
</context>
<context>
    <name>EventsWorkspace</name>
    <message>
        <source>Event log: acknowledge the selected alert</source>
        <translation>Nhật ký sự kiện: tiếp nhận cảnh báo đang chọn</translation>
    </message>
    <message>
        <source>Event log: verify the selected alert on camera (real incident or false alarm)…</source>
        <translation>Nhật ký sự kiện: xác minh cảnh báo đang chọn qua camera (sự cố thật hay báo động giả)…</translation>
    </message>
    <message>
        <source>Event log: dispatch the selected alert to a unit…</source>
        <translation>Nhật ký sự kiện: điều phối cảnh báo đang chọn cho đơn vị xử lý…</translation>
    </message>
    <message>
        <source>Event log: start handling the selected alert</source>
        <translation>Nhật ký sự kiện: bắt đầu xử lý cảnh báo đang chọn</translation>
    </message>
    <message>
        <source>Event log: close the selected alert…</source>
        <translation>Nhật ký sự kiện: đóng cảnh báo đang chọn…</translation>
    </message>
    <message>
        <source>Event log: add a note to the selected alert…</source>
        <translation>Nhật ký sự kiện: thêm ghi chú cho cảnh báo đang chọn…</translation>
    </message>
    <message>
        <source>Event log: save the current filters as a view…</source>
        <translation>Nhật ký sự kiện: lưu bộ lọc hiện tại…</translation>
    </message>
    <message>
        <source>Show all events</source>
        <translation>Hiện tất cả sự kiện</translation>
    </message>
    <message>
        <source>The report filter could not be read; the event log is unchanged.</source>
        <translation>Không đọc được bộ lọc phản ánh; nhật ký sự kiện giữ nguyên.</translation>
    </message>
    <message>
        <source>Citizen reports</source>
        <translation>Phản ánh của người dân</translation>
    </message>
    <message>
        <source>the newest %1 of %2 matching</source>
        <translation>%1 bản ghi mới nhất trong %2 bản ghi khớp</translation>
    </message>
    <message>
        <source>%1 matching</source>
        <translation>%1 bản ghi khớp</translation>
    </message>
    <message>
        <source>Events received: %1</source>
        <translation>Sự kiện đã nhận: %1</translation>
    </message>
    <message>
        <source>Last event: none yet</source>
        <translation>Sự kiện gần nhất: chưa có</translation>
    </message>
    <message>
        <source>Last event: %1</source>
        <translation>Sự kiện gần nhất: %1</translation>
    </message>
    <message>
        <source>Could not load recent alerts: %1</source>
        <translation>Không tải được các cảnh báo gần đây: %1</translation>
    </message>
</context>
<context>
    <name>FunnelModel</name>
    <message>
        <source>Detected</source>
        <extracomment>The funnel&apos;s stages, in the order a detection travels (also the chart&apos;s bars).</extracomment>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Xác nhận đúng</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>Báo động giả</translation>
    </message>
    <message>
        <source>Warned</source>
        <translation>Đã phát cảnh báo</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Đã điều phối</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <source>Median to acknowledge</source>
        <translation>Trung vị thời gian tiếp nhận</translation>
    </message>
    <message>
        <source>Median to close</source>
        <translation>Trung vị thời gian đóng</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>Loại phân tích</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Tỷ lệ</translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <source>&amp;Period:</source>
        <extracomment>Period choices: key -&gt; length (None: the operator picks both ends).</extracomment>
        <translation>&amp;Khoảng thời gian:</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 ngày qua</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Tùy chọn…</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Nhóm theo:</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>Loại phân tích</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <source>From (Huế time)</source>
        <translation>Từ (giờ Huế)</translation>
    </message>
    <message>
        <source>Until (Huế time)</source>
        <translation>Đến (giờ Huế)</translation>
    </message>
    <message>
        <source>False alarms per camera and analytic (detectors to tune first)</source>
        <translation>Báo động giả theo camera và loại phân tích (bộ phát hiện cần hiệu chỉnh trước)</translation>
    </message>
    <message>
        <source>Alert funnel</source>
        <translation>Phễu cảnh báo</translation>
    </message>
    <message>
        <source>The period must start before it ends.</source>
        <translation>Thời điểm bắt đầu phải trước thời điểm kết thúc.</translation>
    </message>
    <message>
        <source>Loading the funnel…</source>
        <translation>Đang tải phễu cảnh báo…</translation>
    </message>
    <message>
        <source>From %1 to %2 (Huế time)</source>
        <translation>Từ %1 đến %2 (giờ Huế)</translation>
    </message>
    <message>
        <source>The funnel could not be loaded: %1</source>
        <translation>Không tải được phễu cảnh báo: %1</translation>
    </message>
</context>
<context>
    <name>LayerControls</name>
    <message>
        <source>Layers</source>
        <translation>Lớp bản đồ</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Chú giải</translation>
    </message>
    <message>
        <source>Density view</source>
        <translation>Xem mật độ</translation>
    </message>
    <message>
        <source>Colour the map by how many reports are in each small square</source>
        <translation>Tô màu bản đồ theo số phản ánh trong từng ô nhỏ</translation>
    </message>
    <message>
        <source>Ward areas are simplified: cells around each ward&apos;s centre, not legal boundaries.</source>
        <translation>Ranh giới phường/xã là vùng giản lược quanh trung tâm mỗi phường/xã, không phải địa giới hành chính chính thức.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Enter both your username and your password.</source>
        <translation>Vui lòng nhập cả tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Wait a while, then try again.</source>
        <translation>Quá nhiều lần đăng nhập sai. Vui lòng chờ một lúc rồi thử lại.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in %1.</source>
        <translation>Quá nhiều lần đăng nhập sai. Thử lại sau %1.</translation>
    </message>
    <message>
        <source>The server is busy with many sign-ins at once. Try again in a few seconds.</source>
        <translation>Máy chủ đang bận vì có nhiều người đăng nhập cùng lúc. Thử lại sau vài giây.</translation>
    </message>
    <message>
        <source>Wrong username or password. Check them and try again.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu. Vui lòng kiểm tra và thử lại.</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified. Ask IT for the right certificate bundle (--ca-bundle).</source>
        <translation>Không xác minh được chứng chỉ bảo mật của máy chủ. Hãy liên hệ bộ phận CNTT để lấy đúng tệp chứng chỉ (--ca-bundle).</translation>
    </message>
    <message>
        <source>Cannot reach the IOC backend at %1. Check the network connection and try again.</source>
        <translation>Không kết nối được máy chủ IOC tại %1. Vui lòng kiểm tra kết nối mạng và thử lại.</translation>
    </message>
    <message>
        <source>The backend refused the sign-in: %1</source>
        <translation>Máy chủ từ chối đăng nhập: %1</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: %1</source>
        <translation>Đăng nhập thất bại do lỗi không mong muốn: %1</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 giây</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 phút</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>Open &amp;offline</source>
        <translation>Mở &amp;ngoại tuyến</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <source>This computer holds your data as of %1. You can open the console offline now; your actions are kept and sent when the server is back.</source>
        <translation>Máy này có dữ liệu của bạn tính đến %1. Bạn có thể mở bảng điều hành ở chế độ ngoại tuyến ngay; thao tác của bạn được giữ lại và gửi khi máy chủ hoạt động trở lại.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Sign in — IOC Huế</source>
        <translation>Đăng nhập — IOC Huế</translation>
    </message>
    <message>
        <source>Sign in to the IOC console</source>
        <translation>Đăng nhập bảng điều hành IOC</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to continue; the screen keeps its data meanwhile.</source>
        <translation>Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại để tiếp tục; dữ liệu trên màn hình vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>Use the account issued to you by the operations centre.</source>
        <translation>Sử dụng tài khoản do Trung tâm Giám sát, điều hành cấp cho bạn.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Show workspace: %1</source>
        <extracomment>Who may show the briefing and export its pack (they show operational data). How long a page brought up for the pack may paint before it is pictured (tests shorten it).</extracomment>
        <translation>Mở không gian làm việc: %1</translation>
    </message>
    <message>
        <source>Search / filter the current view</source>
        <translation>Tìm kiếm / lọc trong màn hình hiện tại</translation>
    </message>
    <message>
        <source>Full screen on / off</source>
        <translation>Bật / tắt toàn màn hình</translation>
    </message>
    <message>
        <source>Switch language (Tiếng Việt / English)</source>
        <translation>Đổi ngôn ngữ (Tiếng Việt / English)</translation>
    </message>
    <message>
        <source>Try to reach the server now</source>
        <translation>Thử kết nối máy chủ ngay</translation>
    </message>
    <message>
        <source>Briefing mode: full screen for the leaders&apos; screen</source>
        <translation>Chế độ giao ban: toàn màn hình cho màn hình lãnh đạo</translation>
    </message>
    <message>
        <source>Show / hide pending actions</source>
        <translation>Hiện / ẩn thao tác đang chờ gửi</translation>
    </message>
    <message>
        <source>Show / hide conflicts</source>
        <translation>Hiện / ẩn xung đột</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Danh sách phím tắt này</translation>
    </message>
    <message>
        <source>Quit the console</source>
        <translation>Thoát chương trình</translation>
    </message>
    <message>
        <source>About the IOC console</source>
        <translation>Giới thiệu bảng điều hành IOC</translation>
    </message>
    <message>
        <source>IOC Huế operator console %1
Backend: %2</source>
        <translation>Bảng điều hành IOC Huế %1
Máy chủ: %2</translation>
    </message>
    <message>
        <source>No briefing page is chosen: choose them in Briefing ▸ Choose briefing pages…</source>
        <translation>Chưa chọn trang giao ban nào: chọn trong Giao ban ▸ Chọn trang giao ban…</translation>
    </message>
    <message>
        <source>Save the briefing pack</source>
        <translation>Lưu gói giao ban</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Making the briefing pack…</source>
        <translation>Đang lập gói giao ban…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Briefing pack</source>
        <translation>Gói giao ban</translation>
    </message>
    <message>
        <source>Making the briefing pack: %1 (%2 / %3)</source>
        <translation>Đang lập gói giao ban: %1 (%2 / %3)</translation>
    </message>
    <message>
        <source>Briefing pack saved: %1</source>
        <translation>Đã lưu gói giao ban: %1</translation>
    </message>
    <message>
        <source>Briefing pack not saved</source>
        <translation>Chưa lưu được gói giao ban</translation>
    </message>
    <message>
        <source>The briefing pack could not be written to
%1

%2</source>
        <translation>Không ghi được gói giao ban vào
%1

%2</translation>
    </message>
    <message>
        <source>Briefing pack cancelled: no file was written</source>
        <translation>Đã hủy gói giao ban: không ghi tệp nào</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Offline: data as of %1</source>
        <translation>Ngoại tuyến: dữ liệu lúc %1</translation>
    </message>
    <message>
        <source>Waiting to send: %1</source>
        <translation>Đang chờ gửi: %1</translation>
    </message>
    <message>
        <source>Your actions saved on this computer and not yet confirmed by the server. They are sent in order as soon as the server answers.</source>
        <translation>Các thao tác của bạn đã lưu trên máy này nhưng máy chủ chưa xác nhận. Chúng sẽ được gửi lần lượt ngay khi máy chủ phản hồi.</translation>
    </message>
    <message>
        <source>Conflicts: %1 — decide</source>
        <translation>Xung đột: %1 — cần quyết định</translation>
    </message>
    <message>
        <source>The data saved on this computer was written by a newer version of the console.</source>
        <translation>Dữ liệu lưu trên máy này được ghi bởi phiên bản bảng điều hành mới hơn.</translation>
    </message>
    <message>
        <source>The data saved on this computer was damaged.</source>
        <translation>Dữ liệu lưu trên máy này đã bị hỏng.</translation>
    </message>
    <message>
        <source>Local data was reset</source>
        <translation>Dữ liệu trên máy đã được làm mới</translation>
    </message>
    <message>
        <source>%1 It was moved aside to:
%2
The console starts with empty local data and fills it again from the server.</source>
        <translation>%1 Tệp cũ đã được chuyển sang:
%2
Bảng điều hành bắt đầu với dữ liệu trống và sẽ tải lại từ máy chủ.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Chưa đăng nhập</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Đã đăng nhập với tài khoản %1</translation>
    </message>
    <message>
        <source>IOC Huế — Operator console</source>
        <translation>IOC Huế — Bảng điều hành</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Find / filter</source>
        <translation>&amp;Tìm / lọc</translation>
    </message>
    <message>
        <source>F&amp;ull screen</source>
        <translation>&amp;Toàn màn hình</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Chuyển sang tiếng Anh (English)</translation>
    </message>
    <message>
        <source>Switch to Vietnamese</source>
        <translation>Chuyển sang tiếng Việt</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>Đăng &amp;nhập…</translation>
    </message>
    <message>
        <source>&amp;Pending actions</source>
        <translation>Thao tác đang &amp;chờ gửi</translation>
    </message>
    <message>
        <source>&amp;Conflicts</source>
        <translation>&amp;Xung đột</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Kết nối lại ngay</translation>
    </message>
    <message>
        <source>&amp;Briefing</source>
        <translation>Giao &amp;ban</translation>
    </message>
    <message>
        <source>&amp;Briefing mode</source>
        <translation>Chế độ &amp;giao ban</translation>
    </message>
    <message>
        <source>&amp;Choose briefing pages…</source>
        <translation>&amp;Chọn trang giao ban…</translation>
    </message>
    <message>
        <source>&amp;Export briefing pack (PDF)…</source>
        <translation>&amp;Xuất gói giao ban (PDF)…</translation>
    </message>
    <message>
        <source>Pending actions</source>
        <translation>Thao tác đang chờ gửi</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>TLS verification OFF</source>
        <translation>ĐÃ TẮT kiểm tra TLS</translation>
    </message>
    <message>
        <source>Started with --insecure-no-verify: the server&apos;s identity is not being checked.</source>
        <translation>Khởi động với --insecure-no-verify: danh tính máy chủ không được kiểm tra.</translation>
    </message>
</context>
<context>
    <name>MapDetailPanel</name>
    <message>
        <source>Traffic</source>
        <translation>Giao thông</translation>
    </message>
    <message>
        <source>Urban order</source>
        <translation>Trật tự đô thị</translation>
    </message>
    <message>
        <source>Public safety</source>
        <translation>An toàn công cộng</translation>
    </message>
    <message>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <source>Tourism</source>
        <translation>Du lịch</translation>
    </message>
    <message>
        <source>Water level</source>
        <translation>Mực nước</translation>
    </message>
    <message>
        <source>Rainfall</source>
        <translation>Lượng mưa</translation>
    </message>
    <message>
        <source>Fine dust (PM2.5)</source>
        <translation>Bụi mịn (PM2.5)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Nhiệt độ</translation>
    </message>
    <message>
        <source>Landslide (tilt)</source>
        <translation>Sạt lở (độ nghiêng)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Xác minh…</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>Điều phối…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Đóng…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>Ghi chú…</translation>
    </message>
    <message>
        <source>Open camera</source>
        <translation>Mở camera</translation>
    </message>
    <message>
        <source>Show in alert queue</source>
        <translation>Xem trong hàng đợi cảnh báo</translation>
    </message>
    <message>
        <source>Open on video wall</source>
        <translation>Mở trên tường video</translation>
    </message>
    <message>
        <source>Nearest cameras</source>
        <translation>Camera gần nhất</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Chưa chọn mục nào</translation>
    </message>
    <message>
        <source>Click a marker on the map to see its details</source>
        <translation>Nhấp vào một điểm trên bản đồ để xem chi tiết</translation>
    </message>
    <message>
        <source>This record was deleted; it is no longer on the map.</source>
        <translation>Mục này đã bị xóa; nó không còn trên bản đồ.</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>Loại phân tích</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Phát hiện lúc</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Số lần phát hiện</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Người phụ trách</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Camera ID</source>
        <translation>Mã camera</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Lĩnh vực phản ánh</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Gửi lúc</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>Giá trị gần nhất</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Đo lúc</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Loại bản tin</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Khu vực</translation>
    </message>
</context>
<context>
    <name>MapFilterBar</name>
    <message>
        <source>Any time</source>
        <translation>Mọi thời điểm</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>1 giờ qua</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Tùy chọn…</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Giao thông</translation>
    </message>
    <message>
        <source>Urban order</source>
        <translation>Trật tự đô thị</translation>
    </message>
    <message>
        <source>Public safety</source>
        <translation>An ninh trật tự</translation>
    </message>
    <message>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <source>Natural disaster</source>
        <translation>Thiên tai</translation>
    </message>
    <message>
        <source>Hue-S reports</source>
        <translation>Phản ánh Hue-S</translation>
    </message>
    <message>
        <source>Hotline tickets</source>
        <translation>Phản ánh đường dây nóng</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>New alerts</source>
        <translation>Cảnh báo mới</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Chưa xong</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>Tất cả phường/xã</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Hiển thị:</translation>
    </message>
    <message>
        <source>Apply to alert queue</source>
        <translation>Áp dụng cho hàng đợi cảnh báo</translation>
    </message>
    <message>
        <source>Narrow the alert queues to the alerts this filter shows on the map</source>
        <translation>Thu hẹp hàng đợi cảnh báo theo đúng bộ lọc đang dùng trên bản đồ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Đến</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Tất cả nhóm</translation>
    </message>
    <message>
        <source>The period ends before it starts</source>
        <translation>Thời gian kết thúc trước thời gian bắt đầu</translation>
    </message>
</context>
<context>
    <name>MapLayers</name>
    <message>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <source>Reports, hotline</source>
        <translation>Phản ánh, đường dây nóng</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Cảm biến</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>Nhiệm vụ đang mở</translation>
    </message>
    <message>
        <source>Ward areas</source>
        <translation>Ranh giới phường/xã</translation>
    </message>
    <message>
        <source>Public warnings</source>
        <translation>Cảnh báo công khai</translation>
    </message>
    <message>
        <source>Camera working (grey: no signal, amber: degraded)</source>
        <translation>Camera hoạt động (xám: mất tín hiệu, vàng: chập chờn)</translation>
    </message>
    <message>
        <source>Alert: colour is severity (red critical, amber warning, blue info)</source>
        <translation>Cảnh báo: màu theo mức độ (đỏ nghiêm trọng, vàng cảnh báo, xanh thông tin)</translation>
    </message>
    <message>
        <source>Pulsing ring: new, not yet acknowledged</source>
        <translation>Vòng nhấp nháy: mới, chưa tiếp nhận</translation>
    </message>
    <message>
        <source>Shape is the category: square traffic, diamond urban order</source>
        <translation>Hình theo nhóm: vuông giao thông, thoi trật tự đô thị</translation>
    </message>
    <message>
        <source>triangle public safety, hexagon forest fire, circle disaster</source>
        <translation>tam giác an ninh trật tự, lục giác cháy rừng, tròn thiên tai</translation>
    </message>
    <message>
        <source>Reports grouped: the number is how many (click to zoom in)</source>
        <translation>Phản ánh gom nhóm: con số là số phản ánh (nhấp để phóng to)</translation>
    </message>
    <message>
        <source>Single report: amber open, grey processed</source>
        <translation>Một phản ánh: vàng chưa xử lý xong, xám đã xử lý</translation>
    </message>
    <message>
        <source>Sensor: green normal, amber warning, red alarm, grey no signal</source>
        <translation>Cảm biến: xanh bình thường, vàng cảnh báo, đỏ báo động, xám mất tín hiệu</translation>
    </message>
    <message>
        <source>Open task (red: overdue)</source>
        <translation>Nhiệm vụ đang mở (đỏ: quá hạn)</translation>
    </message>
    <message>
        <source>Area of a public warning in force</source>
        <translation>Vùng của cảnh báo công khai đang hiệu lực</translation>
    </message>
</context>
<context>
    <name>MapViewsControl</name>
    <message>
        <source>Save map view</source>
        <translation>Lưu khung nhìn bản đồ</translation>
    </message>
    <message>
        <source>Name of the view (place, zoom, layers and filter are saved):</source>
        <translation>Tên khung nhìn (lưu vị trí, mức phóng, các lớp và bộ lọc):</translation>
    </message>
    <message>
        <source>Delete map view</source>
        <translation>Xóa khung nhìn bản đồ</translation>
    </message>
    <message>
        <source>Delete the map view “%1”?</source>
        <translation>Xóa khung nhìn bản đồ “%1”?</translation>
    </message>
    <message>
        <source>Sign in first: views are saved for your account.</source>
        <translation>Hãy đăng nhập trước: khung nhìn được lưu theo tài khoản của bạn.</translation>
    </message>
    <message>
        <source>The change to your map views was NOT made: %1</source>
        <translation>KHÔNG thay đổi được khung nhìn bản đồ: %1</translation>
    </message>
    <message>
        <source>Map views</source>
        <translation>Khung nhìn bản đồ</translation>
    </message>
    <message>
        <source>— Map views —</source>
        <translation>— Khung nhìn bản đồ —</translation>
    </message>
    <message>
        <source> (waiting to send)</source>
        <translation> (đang chờ gửi)</translation>
    </message>
    <message>
        <source>Map view</source>
        <translation>Khung nhìn bản đồ</translation>
    </message>
    <message>
        <source>Save, update or delete map views</source>
        <translation>Lưu, cập nhật hoặc xóa khung nhìn bản đồ</translation>
    </message>
    <message>
        <source>&amp;Save the map as a view…</source>
        <translation>&amp;Lưu bản đồ thành khung nhìn…</translation>
    </message>
    <message>
        <source>&amp;Update the selected view with the map</source>
        <translation>&amp;Cập nhật khung nhìn đang chọn theo bản đồ</translation>
    </message>
    <message>
        <source>&amp;Delete the selected view…</source>
        <translation>&amp;Xóa khung nhìn đang chọn…</translation>
    </message>
</context>
<context>
    <name>MapWorkspace</name>
    <message>
        <source>Draw a circle: list what is inside it</source>
        <extracomment>Live changes are gathered this long and pushed to the page together. Changed reports (a clustered layer) are re-read at most this often while the map is seen. A shape around the whole city lists this many reports at most (read one by one from the cache). The zooms a SHOW_ON_MAP intent may ask for (as the presenter&apos;s map view, docs/API.md); the map itself stops at its base map&apos;s deepest zoom.</extracomment>
        <translation>Vẽ hình tròn: liệt kê những gì bên trong</translation>
    </message>
    <message>
        <source>Draw a polygon (double-click or click the first corner to close)</source>
        <translation>Vẽ đa giác (nhấp đúp hoặc nhấp lại đỉnh đầu để khép)</translation>
    </message>
    <message>
        <source>Save a picture of the map (PNG)</source>
        <translation>Lưu ảnh bản đồ (PNG)</translation>
    </message>
    <message>
        <source>Back to the whole city</source>
        <translation>Về toàn thành phố</translation>
    </message>
    <message>
        <source>The map cannot be shown: the console started without its map support. Restart the console.</source>
        <translation>Không hiển thị được bản đồ: bảng điều hành khởi động thiếu phần hỗ trợ bản đồ. Hãy khởi động lại.</translation>
    </message>
    <message>
        <source>Map: %1</source>
        <translation>Bản đồ: %1</translation>
    </message>
    <message>
        <source>Map background file not used: %1</source>
        <translation>Không dùng tệp nền bản đồ: %1</translation>
    </message>
    <message>
        <source>Map tile server not used: %1</source>
        <translation>Không dùng máy chủ ô bản đồ: %1</translation>
    </message>
    <message>
        <source>The map page stopped and is being reloaded</source>
        <translation>Trang bản đồ bị dừng và đang được tải lại</translation>
    </message>
    <message>
        <source>The map could not read the offline data: %1</source>
        <translation>Bản đồ không đọc được dữ liệu ngoại tuyến: %1</translation>
    </message>
    <message>
        <source>Layers ready in %1 ms · data as of %2</source>
        <translation>Các lớp sẵn sàng sau %1 ms · dữ liệu lúc %2</translation>
    </message>
    <message>
        <source>offline cache</source>
        <translation>bộ nhớ đệm ngoại tuyến</translation>
    </message>
    <message>
        <source>No alert queues in this console</source>
        <translation>Bảng điều hành này không có hàng đợi cảnh báo</translation>
    </message>
    <message>
        <source>Drag to draw the circle; Esc cancels</source>
        <translation>Kéo để vẽ hình tròn; Esc để hủy</translation>
    </message>
    <message>
        <source>Click the corners; double-click or click the first corner to close; Esc cancels</source>
        <translation>Nhấp các đỉnh; nhấp đúp hoặc nhấp lại đỉnh đầu để khép; Esc để hủy</translation>
    </message>
    <message>
        <source>Area drawn on the map</source>
        <translation>Vùng vẽ trên bản đồ</translation>
    </message>
    <message>
        <source>A warning cannot be drafted from here</source>
        <translation>Không soạn được cảnh báo công khai từ đây</translation>
    </message>
    <message>
        <source>Nearest %1 cameras to the video wall</source>
        <translation>Đưa %1 camera gần nhất lên tường video</translation>
    </message>
    <message>
        <source>Draw a circle</source>
        <translation>Vẽ hình tròn</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>No working camera is known near this place</source>
        <translation>Không có camera đang hoạt động nào gần vị trí này</translation>
    </message>
    <message>
        <source>Select a marker first, or right-click a place on the map</source>
        <translation>Hãy chọn một điểm trước, hoặc nhấp chuột phải vào một vị trí trên bản đồ</translation>
    </message>
    <message>
        <source>Save map picture</source>
        <translation>Lưu ảnh bản đồ</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>không ghi được %1</translation>
    </message>
    <message>
        <source>Map picture saved: %1</source>
        <translation>Đã lưu ảnh bản đồ: %1</translation>
    </message>
    <message>
        <source>Map picture NOT saved: %1</source>
        <translation>KHÔNG lưu được ảnh bản đồ: %1</translation>
    </message>
    <message>
        <source>Map of the city</source>
        <translation>Bản đồ thành phố</translation>
    </message>
    <message>
        <source>The map is still loading.</source>
        <translation>Bản đồ đang tải.</translation>
    </message>
    <message>
        <source>%1 on the map</source>
        <translation>%1 trên bản đồ</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Hình tròn</translation>
    </message>
    <message>
        <source>Draw a circle and list what is inside (Ctrl+Shift+C)</source>
        <translation>Vẽ hình tròn và liệt kê những gì bên trong (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Đa giác</translation>
    </message>
    <message>
        <source>Draw a polygon and list what is inside (Ctrl+Shift+P)</source>
        <translation>Vẽ đa giác và liệt kê những gì bên trong (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Nearest cameras</source>
        <translation>Camera gần nhất</translation>
    </message>
    <message>
        <source>Put the cameras nearest the selected marker on the video wall</source>
        <translation>Đưa các camera gần điểm đang chọn nhất lên tường video</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Chụp ảnh</translation>
    </message>
    <message>
        <source>Save a picture of the map for a briefing (Ctrl+Shift+S)</source>
        <translation>Lưu ảnh bản đồ cho buổi giao ban (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Draw circle</source>
        <translation>Vẽ hình tròn</translation>
    </message>
    <message>
        <source>Draw polygon</source>
        <translation>Vẽ đa giác</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Toàn thành phố</translation>
    </message>
    <message>
        <source>Inside the shape</source>
        <translation>Trong vùng vẽ</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>Đang tải bản đồ…</translation>
    </message>
</context>
<context>
    <name>MeetingListModel</name>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <source>My role</source>
        <translation>Vai trò của tôi</translation>
    </message>
</context>
<context>
    <name>MeetingListPanel</name>
    <message>
        <source>All days</source>
        <translation>Mọi ngày</translation>
    </message>
    <message>
        <source>Show the meetings of every day</source>
        <translation>Hiện cuộc họp của mọi ngày</translation>
    </message>
    <message>
        <source>Meetings on %1</source>
        <translation>Cuộc họp ngày %1</translation>
    </message>
    <message>
        <source>All meetings</source>
        <translation>Tất cả cuộc họp</translation>
    </message>
</context>
<context>
    <name>MeetingText</name>
    <message>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Người trình bày</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Khách mời</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Sắp diễn ra</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Chưa thảo luận</translation>
    </message>
    <message>
        <source>Under discussion</source>
        <translation>Đang thảo luận</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã xong</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Đang phát biểu</translation>
    </message>
    <message>
        <source>Has spoken</source>
        <translation>Đã phát biểu</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Đã rút</translation>
    </message>
    <message>
        <source>Named vote</source>
        <translation>Biểu quyết công khai</translation>
    </message>
    <message>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <source>Voting open</source>
        <translation>Đang biểu quyết</translation>
    </message>
    <message>
        <source>Voting closed</source>
        <translation>Đã kết thúc biểu quyết</translation>
    </message>
    <message>
        <source>Result published</source>
        <translation>Đã công bố kết quả</translation>
    </message>
</context>
<context>
    <name>MeetingsWorkspace</name>
    <message>
        <source>The room did not get your page: %1</source>
        <extracomment>Changes of the open meeting are gathered this long before its details are fetched again. The rank of &quot;no meeting open yet&quot;: any meeting is more relevant (see _rank). The permission a follower needs to be taken to a shared view (a map needs none).</extracomment>
        <translation>Phòng họp chưa nhận được trang của bạn: %1</translation>
    </message>
    <message>
        <source>Follow the presenter again</source>
        <translation>Theo dõi lại người trình bày</translation>
    </message>
    <message>
        <source>Present to the room, or stop</source>
        <translation>Trình bày cho phòng họp, hoặc dừng</translation>
    </message>
    <message>
        <source>Export the minutes (PDF)…</source>
        <translation>Xuất biên bản (PDF)…</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Minutes (PDF)…</source>
        <translation>Biên bản (PDF)…</translation>
    </message>
    <message>
        <source>Export the minutes of this meeting as a PDF (Ctrl+Shift+M)</source>
        <translation>Xuất biên bản cuộc họp này ra PDF (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Follow the presenter (F8)</source>
        <translation>Theo người trình bày (F8)</translation>
    </message>
    <message>
        <source>Show the room…</source>
        <translation>Chiếu cho phòng họp…</translation>
    </message>
    <message>
        <source>Show the members a camera, the map or a dashboard</source>
        <translation>Chiếu cho các thành viên một camera, bản đồ hoặc bảng điều khiển</translation>
    </message>
    <message>
        <source>Choose a meeting in the list or the calendar.</source>
        <translation>Chọn một cuộc họp trong danh sách hoặc trên lịch.</translation>
    </message>
    <message>
        <source>My role: %1</source>
        <translation>Vai trò của tôi: %1</translation>
    </message>
    <message>
        <source>You are not a member of this meeting</source>
        <translation>Bạn không phải thành viên cuộc họp này</translation>
    </message>
    <message>
        <source>Leave the meeting</source>
        <translation>Rời cuộc họp</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Not signed in: the action was not queued.</source>
        <translation>Chưa đăng nhập: thao tác chưa được đưa vào hàng chờ.</translation>
    </message>
    <message>
        <source>The action could not be queued: %1</source>
        <translation>Không đưa được thao tác vào hàng chờ: %1</translation>
    </message>
    <message>
        <source>The meeting changed before your action arrived; see the pending actions panel.</source>
        <translation>Cuộc họp đã thay đổi trước khi thao tác của bạn đến máy chủ; xem bảng thao tác chờ gửi.</translation>
    </message>
    <message>
        <source>A camera on the video wall.</source>
        <translation>Một camera trên màn hình ghép.</translation>
    </message>
    <message>
        <source>The map.</source>
        <translation>Bản đồ.</translation>
    </message>
    <message>
        <source>The dashboard “%1”.</source>
        <translation>Bảng điều khiển “%1”.</translation>
    </message>
    <message>
        <source>Your role cannot open it on this console.</source>
        <translation>Vai trò của bạn không mở được nội dung này trên máy này.</translation>
    </message>
    <message>
        <source>Stop presenting (F7)</source>
        <translation>Dừng trình bày (F7)</translation>
    </message>
    <message>
        <source>Present (F7)</source>
        <translation>Trình bày (F7)</translation>
    </message>
    <message>
        <source>● You are presenting: the members follow your page.</source>
        <translation>● Bạn đang trình bày: các thành viên đang theo trang của bạn.</translation>
    </message>
    <message>
        <source>Nobody is presenting.</source>
        <translation>Chưa có ai trình bày.</translation>
    </message>
    <message>
        <source>You presented last (from this or another console). Press F7 to present again.</source>
        <translation>Bạn là người trình bày gần nhất (từ máy này hoặc máy khác). Nhấn F7 để trình bày lại.</translation>
    </message>
    <message>
        <source>Following %1.</source>
        <translation>Đang theo %1.</translation>
    </message>
    <message>
        <source>the presenter</source>
        <translation>người trình bày</translation>
    </message>
    <message>
        <source>Page %1.</source>
        <translation>Trang %1.</translation>
    </message>
    <message>
        <source>You are browsing on your own; %1 is presenting.</source>
        <translation>Bạn đang xem riêng; %1 đang trình bày.</translation>
    </message>
    <message>
        <source>Meeting #%1 is not known to this console.</source>
        <translation>Máy này không có cuộc họp #%1.</translation>
    </message>
    <message>
        <source>Meetings: follow the presenter again (after browsing)</source>
        <translation>Cuộc họp: theo dõi lại người trình bày (sau khi xem riêng)</translation>
    </message>
    <message>
        <source>Meetings: present to the room, or stop</source>
        <translation>Cuộc họp: trình bày cho phòng họp, hoặc dừng</translation>
    </message>
    <message>
        <source>Meetings: export the minutes as a PDF…</source>
        <translation>Cuộc họp: xuất biên bản ra PDF…</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>%1 of %2 present</source>
        <translation>%1/%2 có mặt</translation>
    </message>
    <message>
        <source>quorum reached</source>
        <translation>đủ</translation>
    </message>
    <message>
        <source>quorum not reached</source>
        <translation>chưa đủ</translation>
    </message>
    <message>
        <source>quorum %1: %2</source>
        <translation>số lượng tối thiểu %1: %2</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Meeting role</source>
        <translation>Vai trò trong cuộc họp</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>Thời gian có mặt</translation>
    </message>
    <message>
        <source>Who is present, with the times, is shown to the chair and the secretary.</source>
        <translation>Danh sách có mặt kèm thời gian chỉ hiển thị cho chủ trì và thư ký.</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
</context>
<context>
    <name>MinutesBuilder</name>
    <message>
        <source>Minutes: %1</source>
        <extracomment>The margins of Vietnamese administrative documents (Decree 30/2020): wide on the binding side. Room under each page&apos;s text for the running footer (&quot;Trang 2/5&quot;), in points.</extracomment>
        <translation>Biên bản: %1</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>không tạo được tệp PDF</translation>
    </message>
    <message>
        <source>a page could not be added to the PDF</source>
        <translation>không thêm được trang vào tệp PDF</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Trang %1/%2</translation>
    </message>
    <message>
        <source>the file could not be written</source>
        <translation>không ghi được tệp</translation>
    </message>
</context>
<context>
    <name>MinutesExport</name>
    <message>
        <source>Gathering the meeting’s records…</source>
        <translation>Đang tập hợp dữ liệu cuộc họp…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Meeting minutes</source>
        <translation>Biên bản cuộc họp</translation>
    </message>
    <message>
        <source>Writing the minutes…</source>
        <translation>Đang lập biên bản…</translation>
    </message>
    <message>
        <source>The meeting’s records could not be read: %1</source>
        <translation>Không đọc được dữ liệu cuộc họp: %1</translation>
    </message>
    <message>
        <source>Writing the minutes: page %1 of %2</source>
        <translation>Đang lập biên bản: trang %1/%2</translation>
    </message>
    <message>
        <source>Minutes saved</source>
        <translation>Đã lưu biên bản</translation>
    </message>
    <message>
        <source>The minutes were saved to
%1</source>
        <translation>Biên bản đã được lưu tại
%1</translation>
    </message>
    <message>
        <source>The minutes could not be written to
%1

%2</source>
        <translation>Không ghi được biên bản vào
%1

%2</translation>
    </message>
    <message>
        <source>Minutes not saved</source>
        <translation>Chưa lưu được biên bản</translation>
    </message>
    <message>
        <source>Save the meeting minutes</source>
        <translation>Lưu biên bản cuộc họp</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MinutesText</name>
    <message>
        <source>II. PROCEEDINGS</source>
        <extracomment>Serif like the administrative documents (Times New Roman where installed), each with Vietnamese glyphs.</extracomment>
        <translation>II. NỘI DUNG CUỘC HỌP</translation>
    </message>
    <message>
        <source>The meeting had no agenda items.</source>
        <translation>Cuộc họp không có nội dung trong chương trình họp.</translation>
    </message>
    <message>
        <source>III. VOTES</source>
        <translation>III. KẾT QUẢ BIỂU QUYẾT</translation>
    </message>
    <message>
        <source>No question was put to the vote.</source>
        <translation>Không có nội dung nào được đưa ra biểu quyết.</translation>
    </message>
    <message>
        <source>Huế, %1/%2/%3</source>
        <translation>Huế, ngày %1 tháng %2 năm %3</translation>
    </message>
    <message>
        <source>No.: ……/BB-IOC</source>
        <translation>Số: ……/BB-IOC</translation>
    </message>
    <message>
        <source>I. TIME, PLACE AND PARTICIPANTS</source>
        <translation>I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN THAM DỰ</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>từ %1 đến %2</translation>
    </message>
    <message>
        <source>1. Time:</source>
        <translation>1. Thời gian:</translation>
    </message>
    <message>
        <source>2. Place:</source>
        <translation>2. Địa điểm:</translation>
    </message>
    <message>
        <source>3. Chair:</source>
        <translation>3. Chủ trì:</translation>
    </message>
    <message>
        <source>4. Secretary:</source>
        <translation>4. Thư ký:</translation>
    </message>
    <message>
        <source>6. Other documents of the meeting:</source>
        <translation>6. Tài liệu khác của cuộc họp:</translation>
    </message>
    <message>
        <source>not designated</source>
        <translation>chưa phân công</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Người trình bày</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Khách mời</translation>
    </message>
    <message>
        <source>Check-in and check-out times are shown to the chair and the secretary only.</source>
        <translation>Giờ điểm danh vào, ra chỉ hiển thị với chủ trì và thư ký cuộc họp.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Meeting role</source>
        <translation>Vai trò tại cuộc họp</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Tham dự</translation>
    </message>
    <message>
        <source>Check-in – check-out</source>
        <translation>Giờ vào – giờ ra</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Có tham dự</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <source>not checked out</source>
        <translation>chưa điểm danh ra</translation>
    </message>
    <message>
        <source>Members who attended: %1 of %2.</source>
        <translation>Số thành viên tham dự: %1/%2.</translation>
    </message>
    <message>
        <source>Members present: %1 of %2.</source>
        <translation>Số thành viên có mặt: %1/%2.</translation>
    </message>
    <message>
        <source>No quorum is set for this meeting.</source>
        <translation>Cuộc họp không quy định số lượng tối thiểu.</translation>
    </message>
    <message>
        <source>Quorum (%1 members) reached.</source>
        <translation>Đủ số lượng thành viên tối thiểu theo quy định (%1 thành viên).</translation>
    </message>
    <message>
        <source>Quorum (%1 members) not reached.</source>
        <translation>Không đủ số lượng thành viên tối thiểu theo quy định (%1 thành viên).</translation>
    </message>
    <message>
        <source>Presenter:</source>
        <translation>Người trình bày:</translation>
    </message>
    <message>
        <source>Time allowed:</source>
        <translation>Thời lượng:</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>document %1 (removed)</source>
        <translation>tài liệu %1 (đã gỡ bỏ)</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>Tài liệu:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>người dùng %1</translation>
    </message>
    <message>
        <source>still speaking</source>
        <translation>đang phát biểu</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Speakers:</source>
        <translation>Ý kiến phát biểu:</translation>
    </message>
    <message>
        <source>Conclusions:</source>
        <translation>Kết luận:</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>chưa ghi nhận</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>không có thời hạn</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>Unit in charge</source>
        <translation>Đơn vị thực hiện</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Thời hạn hoàn thành</translation>
    </message>
    <message>
        <source>Tasks not readable with your rights: %1</source>
        <translation>Nhiệm vụ không xem được với quyền của bạn: %1</translation>
    </message>
    <message>
        <source>named vote</source>
        <translation>biểu quyết công khai (ghi danh)</translation>
    </message>
    <message>
        <source>secret ballot</source>
        <translation>bỏ phiếu kín</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Hình thức:</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>mở lúc %1</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>đóng lúc %1</translation>
    </message>
    <message>
        <source>Voting:</source>
        <translation>Thời gian biểu quyết:</translation>
    </message>
    <message>
        <source>%1 of %2 members entitled to vote</source>
        <translation>%1/%2 thành viên có quyền biểu quyết</translation>
    </message>
    <message>
        <source>Votes cast:</source>
        <translation>Số phiếu đã biểu quyết:</translation>
    </message>
    <message>
        <source>The vote is still open.</source>
        <translation>Biểu quyết đang diễn ra.</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Phương án</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Lựa chọn</translation>
    </message>
    <message>
        <source>These minutes were drawn up at %1.</source>
        <translation>Biên bản được lập lúc %1.</translation>
    </message>
    <message>
        <source>These minutes were drawn up at %1 by %2.</source>
        <translation>Biên bản được lập lúc %1, người lập: %2.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Add note</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <source>Note for alert #%1 (up to 2000 characters):</source>
        <translation>Ghi chú cho cảnh báo #%1 (tối đa 2000 ký tự):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>NotesKeeper</name>
    <message>
        <source>This page already has a note from another console; reloaded it.</source>
        <translation>Trang này đã có ghi chú từ máy khác; đã tải lại.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Only you can see your notes.</source>
        <translation>Chỉ bạn xem được ghi chú của mình.</translation>
    </message>
    <message>
        <source>Your note on this page…</source>
        <translation>Ghi chú của bạn cho trang này…</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Đánh dấu</translation>
    </message>
    <message>
        <source>Drag over the page to highlight an area</source>
        <translation>Kéo chuột trên trang để đánh dấu một vùng</translation>
    </message>
    <message>
        <source>Remove highlights</source>
        <translation>Xoá đánh dấu</translation>
    </message>
    <message>
        <source>Pages with notes</source>
        <translation>Các trang có ghi chú</translation>
    </message>
    <message>
        <source>My note · page %1</source>
        <translation>Ghi chú của tôi · trang %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Đã lưu</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>OFFLINE — data as of %1</source>
        <translation>NGOẠI TUYẾN — dữ liệu tính đến %1</translation>
    </message>
    <message>
        <source>OFFLINE — no data saved on this computer yet</source>
        <translation>NGOẠI TUYẾN — máy này chưa lưu dữ liệu nào</translation>
    </message>
    <message>
        <source>The server cannot be reached. You see the data saved on this computer; your actions are kept and sent automatically when the connection returns.</source>
        <translation>Không kết nối được máy chủ. Bạn đang xem dữ liệu đã lưu trên máy này; thao tác của bạn được giữ lại và tự động gửi khi có kết nối trở lại.</translation>
    </message>
    <message>
        <source>Try to reconnect now</source>
        <translation>Thử kết nối lại ngay</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Changed on the server meanwhile: choose in Conflicts</source>
        <extracomment>(&quot;alert:17&quot;, label of the state the newest waiting action leads to, or None once none waits) (resource, its copy from the server&apos;s answer to an applied action)</extracomment>
        <translation>Đã bị thay đổi trên máy chủ: hãy chọn cách xử lý ở mục Xung đột</translation>
    </message>
    <message>
        <source>The server refused it: %1</source>
        <translation>Máy chủ từ chối: %1</translation>
    </message>
    <message>
        <source>Attempts: %1</source>
        <translation>Số lần thử: %1</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>No actions taken yet.</source>
        <translation>Chưa có thao tác nào.</translation>
    </message>
    <message>
        <source>Waiting to send: %1 · Conflicts: %2 · Newest first.</source>
        <translation>Đang chờ gửi: %1 · Xung đột: %2 · Mới nhất ở trên.</translation>
    </message>
</context>
<context>
    <name>OutboxText</name>
    <message>
        <source>Waiting to send</source>
        <translation>Đang chờ gửi</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Đã áp dụng</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Đã bỏ</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>Báo động giả</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message>
        <source>Confirmed — real incident</source>
        <translation>Xác nhận — sự cố thật</translation>
    </message>
    <message>
        <source>Acknowledge alert #%1</source>
        <translation>Tiếp nhận cảnh báo #%1</translation>
    </message>
    <message>
        <source>Start handling alert #%1</source>
        <translation>Bắt đầu xử lý cảnh báo #%1</translation>
    </message>
    <message>
        <source>Close alert #%1 (%2)</source>
        <translation>Đóng cảnh báo #%1 (%2)</translation>
    </message>
    <message>
        <source>Add a note to alert #%1</source>
        <translation>Thêm ghi chú cho cảnh báo #%1</translation>
    </message>
    <message>
        <source>Verify alert #%1: %2</source>
        <translation>Xác minh cảnh báo #%1: %2</translation>
    </message>
    <message>
        <source>Dispatch alert #%1 to %2</source>
        <translation>Điều phối cảnh báo #%1 cho %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Save filter view “%1”</source>
        <translation>Lưu bộ lọc “%1”</translation>
    </message>
    <message>
        <source>Change saved filter view #%1</source>
        <translation>Sửa bộ lọc đã lưu #%1</translation>
    </message>
    <message>
        <source>Delete saved filter view #%1</source>
        <translation>Xóa bộ lọc đã lưu #%1</translation>
    </message>
    <message>
        <source>Vote in a poll of meeting #%1</source>
        <translation>Biểu quyết trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Change the status of report #%1</source>
        <translation>Đổi trạng thái phản ánh #%1</translation>
    </message>
    <message>
        <source>Update task #%1</source>
        <translation>Cập nhật nhiệm vụ #%1</translation>
    </message>
    <message>
        <source>Check in to meeting #%1</source>
        <translation>Điểm danh tham dự cuộc họp #%1</translation>
    </message>
    <message>
        <source>Check out of meeting #%1</source>
        <translation>Báo rời cuộc họp #%1</translation>
    </message>
    <message>
        <source>Move meeting #%1 to the next agenda item</source>
        <translation>Chuyển cuộc họp #%1 sang nội dung tiếp theo của chương trình họp</translation>
    </message>
    <message>
        <source>Move meeting #%1 back to the previous agenda item</source>
        <translation>Quay lại nội dung trước của chương trình cuộc họp #%1</translation>
    </message>
    <message>
        <source>Take up another agenda item in meeting #%1</source>
        <translation>Chuyển sang nội dung khác của chương trình cuộc họp #%1</translation>
    </message>
    <message>
        <source>Ask to speak in meeting #%1</source>
        <translation>Đăng ký phát biểu trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Withdraw a request to speak in meeting #%1</source>
        <translation>Rút đăng ký phát biểu trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Reorder the speakers in meeting #%1</source>
        <translation>Sắp xếp lại thứ tự phát biểu trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Give the floor to a speaker in meeting #%1</source>
        <translation>Mời đại biểu phát biểu trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>End a speaking turn in meeting #%1</source>
        <translation>Kết thúc lượt phát biểu trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Record a conclusion in meeting #%1</source>
        <translation>Ghi kết luận trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Create the poll “%2” in meeting #%1</source>
        <translation>Tạo nội dung biểu quyết “%2” trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Open a poll for voting in meeting #%1</source>
        <translation>Mở biểu quyết trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Close a poll of meeting #%1</source>
        <translation>Kết thúc biểu quyết trong cuộc họp #%1</translation>
    </message>
    <message>
        <source>Publish the result of a poll of meeting #%1</source>
        <translation>Công bố kết quả biểu quyết của cuộc họp #%1</translation>
    </message>
    <message>
        <source>Record a conclusion in meeting #%1 and assign the task “%2”</source>
        <translation>Ghi kết luận trong cuộc họp #%1 và giao nhiệm vụ “%2”</translation>
    </message>
    <message>
        <source>Publish public warning #%1</source>
        <translation>Phát hành bản tin cảnh báo #%1</translation>
    </message>
    <message>
        <source>Change draft warning #%1</source>
        <translation>Sửa bản nháp cảnh báo #%1</translation>
    </message>
    <message>
        <source>Draft an update of public warning #%1</source>
        <translation>Soạn bản cập nhật của cảnh báo #%1</translation>
    </message>
    <message>
        <source>Draft the cancellation of public warning #%1</source>
        <translation>Soạn bản hủy cảnh báo #%1</translation>
    </message>
    <message>
        <source>Draft a public warning from alert #%1</source>
        <translation>Soạn bản tin cảnh báo từ cảnh báo AI #%1</translation>
    </message>
    <message>
        <source>Draft public warning “%1”</source>
        <translation>Soạn bản tin cảnh báo “%1”</translation>
    </message>
    <message>
        <source>Alert #%1 was changed by someone else meanwhile; look at it again</source>
        <translation>Cảnh báo #%1 vừa được người khác thay đổi; hãy xem lại</translation>
    </message>
    <message>
        <source>Alert #%1 cannot make this move in its current state</source>
        <translation>Cảnh báo #%1 không thể chuyển như vậy ở trạng thái hiện tại</translation>
    </message>
    <message>
        <source>Alert #%1 no longer exists</source>
        <translation>Cảnh báo #%1 không còn tồn tại</translation>
    </message>
    <message>
        <source>Alert #%1 not changed: %2</source>
        <translation>Cảnh báo #%1 chưa được xử lý: %2</translation>
    </message>
    <message>
        <source>note added</source>
        <translation>thêm ghi chú</translation>
    </message>
    <message>
        <source>verified: %1</source>
        <translation>xác minh: %1</translation>
    </message>
    <message>
        <source>dispatched to %1</source>
        <translation>điều phối cho %1</translation>
    </message>
</context>
<context>
    <name>PdfPanel</name>
    <message>
        <source>The document has no pages.</source>
        <translation>Tài liệu không có trang nào.</translation>
    </message>
    <message>
        <source>This document is protected by a password and cannot be opened here.</source>
        <translation>Tài liệu được bảo vệ bằng mật khẩu, không thể mở tại đây.</translation>
    </message>
    <message>
        <source>This document uses a protection that this viewer cannot open.</source>
        <translation>Tài liệu dùng cơ chế bảo vệ mà trình xem này không mở được.</translation>
    </message>
    <message>
        <source>This file is not a PDF document, or it is damaged.</source>
        <translation>Tệp này không phải tài liệu PDF hoặc đã bị hỏng.</translation>
    </message>
    <message>
        <source>The document could not be opened.</source>
        <translation>Không mở được tài liệu.</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Không tìm thấy</translation>
    </message>
    <message>
        <source>%1 / %2 results</source>
        <translation>%1 / %2 kết quả</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 kết quả</translation>
    </message>
    <message>
        <source>Show or hide the page thumbnails</source>
        <translation>Hiện hoặc ẩn hình thu nhỏ các trang</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Trang trước (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Trang sau (Page Down)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Thu nhỏ (Ctrl+−)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Phóng to (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit the page width</source>
        <translation>Vừa chiều rộng trang</translation>
    </message>
    <message>
        <source>Fit the whole page</source>
        <translation>Vừa cả trang</translation>
    </message>
    <message>
        <source>Highlight: drag a rectangle over the page</source>
        <translation>Đánh dấu: kéo chuột khoanh vùng trên trang</translation>
    </message>
    <message>
        <source>Previous result (Shift+Enter)</source>
        <translation>Kết quả trước (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next result (Enter)</source>
        <translation>Kết quả tiếp theo (Enter)</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>Search in the document…</source>
        <translation>Tìm trong tài liệu…</translation>
    </message>
    <message>
        <source>Search in the document (Ctrl+F)</source>
        <translation>Tìm trong tài liệu (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>PollCard</name>
    <message>
        <source>Open voting</source>
        <translation>Mở biểu quyết</translation>
    </message>
    <message>
        <source>Close voting</source>
        <translation>Kết thúc biểu quyết</translation>
    </message>
    <message>
        <source>Publish result</source>
        <translation>Công bố kết quả</translation>
    </message>
    <message>
        <source>Your vote: “%1” — recorded.</source>
        <translation>Phiếu của bạn: “%1” — đã ghi nhận.</translation>
    </message>
    <message>
        <source>Your vote: “%1” — waiting to be sent.</source>
        <translation>Phiếu của bạn: “%1” — đang chờ gửi.</translation>
    </message>
    <message>
        <source>You have voted.</source>
        <translation>Bạn đã biểu quyết.</translation>
    </message>
    <message>
        <source>You cannot vote in this poll (only members present when it opened may).</source>
        <translation>Bạn không biểu quyết được ở nội dung này (chỉ thành viên có mặt lúc mở biểu quyết mới được biểu quyết).</translation>
    </message>
    <message>
        <source>Votes cast: %1 of %2</source>
        <translation>Đã biểu quyết: %1/%2</translation>
    </message>
    <message>
        <source>Votes cast: %1</source>
        <translation>Đã biểu quyết: %1</translation>
    </message>
    <message>
        <source>Live tally — seen only by those who manage the poll.</source>
        <translation>Kết quả tạm thời — chỉ người điều hành biểu quyết xem được.</translation>
    </message>
    <message>
        <source>Voting has closed; the result is not published yet.</source>
        <translation>Đã kết thúc biểu quyết; kết quả chưa được công bố.</translation>
    </message>
</context>
<context>
    <name>PollDialog</name>
    <message>
        <source>New poll</source>
        <translation>Biểu quyết mới</translation>
    </message>
    <message>
        <source>Agree
Disagree
Abstain</source>
        <translation>Đồng ý
Không đồng ý
Không biểu quyết</translation>
    </message>
    <message>
        <source>Named vote (the result lists who chose what)</source>
        <translation>Biểu quyết công khai (kết quả ghi rõ ai chọn gì)</translation>
    </message>
    <message>
        <source>Secret ballot (only the counts are ever stored)</source>
        <translation>Bỏ phiếu kín (chỉ lưu số phiếu)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Nội dung biểu quyết</translation>
    </message>
    <message>
        <source>Options (one per line)</source>
        <translation>Các phương án (mỗi dòng một phương án)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Write the question.</source>
        <translation>Hãy nhập nội dung biểu quyết.</translation>
    </message>
    <message>
        <source>Give between 2 and 10 options.</source>
        <translation>Hãy nhập từ 2 đến 10 phương án.</translation>
    </message>
    <message>
        <source>Two options are the same.</source>
        <translation>Có hai phương án trùng nhau.</translation>
    </message>
    <message>
        <source>An option may have at most 200 characters.</source>
        <translation>Mỗi phương án dài tối đa 200 ký tự.</translation>
    </message>
</context>
<context>
    <name>PtzPanel</name>
    <message>
        <source>PTZ: select a tile showing a PTZ camera</source>
        <extracomment>Speed of a pad press, as a fraction of the camera&apos;s full speed (-1..1 in the API).</extracomment>
        <translation>PTZ: chọn một ô đang hiển thị camera PTZ</translation>
    </message>
    <message>
        <source>PTZ: %1 is offline</source>
        <translation>PTZ: %1 đang mất kết nối</translation>
    </message>
    <message>
        <source>PTZ: %1</source>
        <translation>PTZ: %1</translation>
    </message>
    <message>
        <source>Go to preset</source>
        <translation>Đến vị trí đặt sẵn</translation>
    </message>
    <message>
        <source>Tilt up (hold)</source>
        <translation>Ngẩng lên (giữ)</translation>
    </message>
    <message>
        <source>Tilt down (hold)</source>
        <translation>Cúi xuống (giữ)</translation>
    </message>
    <message>
        <source>Pan left (hold)</source>
        <translation>Quay trái (giữ)</translation>
    </message>
    <message>
        <source>Pan right (hold)</source>
        <translation>Quay phải (giữ)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Zoom in (hold)</source>
        <translation>Phóng to (giữ)</translation>
    </message>
    <message>
        <source>Zoom out (hold)</source>
        <translation>Thu nhỏ (giữ)</translation>
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
        <translation>%1  ● %2 mới</translation>
    </message>
</context>
<context>
    <name>SavedViewsControl</name>
    <message>
        <source>Save view</source>
        <translation>Lưu bộ lọc</translation>
    </message>
    <message>
        <source>Name of the view (the current filter text and level are saved):</source>
        <translation>Tên bộ lọc (lưu chữ lọc và mức hiển thị hiện tại):</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Đổi tên bộ lọc</translation>
    </message>
    <message>
        <source>New name for the view “%1”:</source>
        <translation>Tên mới cho bộ lọc “%1”:</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Xóa bộ lọc</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?
The events shown do not change.</source>
        <translation>Xóa bộ lọc đã lưu “%1”?
Các sự kiện đang hiển thị không thay đổi.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Replace view</source>
        <translation>Thay bộ lọc</translation>
    </message>
    <message>
        <source>Replace the filters saved in “%1” with the current ones?</source>
        <translation>Thay điều kiện đã lưu trong “%1” bằng điều kiện lọc hiện tại?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Thay</translation>
    </message>
    <message>
        <source>There is already a view named “%1”. Choose another name.</source>
        <translation>Đã có bộ lọc tên “%1”. Vui lòng chọn tên khác.</translation>
    </message>
    <message>
        <source>Sign in first: views are saved for your account.</source>
        <translation>Vui lòng đăng nhập trước: bộ lọc được lưu theo tài khoản của bạn.</translation>
    </message>
    <message>
        <source>Its previous change is being sent right now. Try again in a moment.</source>
        <translation>Thay đổi trước đó của bộ lọc này đang được gửi. Vui lòng thử lại sau giây lát.</translation>
    </message>
    <message>
        <source>The disk of this computer is full. Free some disk space, then try again.</source>
        <translation>Ổ đĩa của máy này đã đầy. Hãy giải phóng dung lượng rồi thử lại.</translation>
    </message>
    <message>
        <source>The local cache could not save it: %1</source>
        <translation>Bộ nhớ đệm trên máy không lưu được: %1</translation>
    </message>
    <message>
        <source>It was not accepted: %1</source>
        <translation>Không được chấp nhận: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Lỗi không mong đợi: %1</translation>
    </message>
    <message>
        <source>View not saved</source>
        <translation>Bộ lọc chưa được lưu</translation>
    </message>
    <message>
        <source>The change to your saved views was NOT made.
%1</source>
        <translation>Thay đổi bộ lọc đã lưu CHƯA được thực hiện.
%1</translation>
    </message>
    <message>
        <source>“%1”: the filters now differ from the saved ones. Use ⋯ → Update to keep the current ones.</source>
        <translation>“%1”: điều kiện lọc hiện khác với bản đã lưu. Dùng ⋯ → Cập nhật để giữ điều kiện hiện tại.</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>Bộ lọc đã lưu</translation>
    </message>
    <message>
        <source>Manage saved views</source>
        <translation>Quản lý bộ lọc đã lưu</translation>
    </message>
    <message>
        <source>Save, update, rename or delete saved views (%1 saves the current filters)</source>
        <translation>Lưu, cập nhật, đổi tên hoặc xóa bộ lọc đã lưu (%1 để lưu bộ lọc hiện tại)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Bộ lọc đã lưu</translation>
    </message>
    <message>
        <source>Available when the filters differ from the selected view</source>
        <translation>Dùng được khi điều kiện lọc khác với bộ lọc đang chọn</translation>
    </message>
    <message>
        <source>Pick a saved view to show the log through its filters</source>
        <translation>Chọn một bộ lọc đã lưu để xem nhật ký theo điều kiện của nó</translation>
    </message>
    <message>
        <source>— Saved views —</source>
        <translation>— Bộ lọc đã lưu —</translation>
    </message>
    <message>
        <source>⏳ %1 (waiting to send)</source>
        <translation>⏳ %1 (đang chờ gửi)</translation>
    </message>
    <message>
        <source>✎ %1 (changed)</source>
        <translation>✎ %1 (đã sửa)</translation>
    </message>
    <message>
        <source>“%1”: saved on this computer, sent to the server as soon as it can be reached.</source>
        <translation>“%1”: đã lưu trên máy này, sẽ gửi lên máy chủ ngay khi kết nối được.</translation>
    </message>
    <message>
        <source>The log shows the saved view “%1”.</source>
        <translation>Nhật ký đang hiển thị theo bộ lọc đã lưu “%1”.</translation>
    </message>
    <message>
        <source>&amp;Save current filters as a view…</source>
        <translation>&amp;Lưu bộ lọc hiện tại…</translation>
    </message>
    <message>
        <source>&amp;Update “%1” with the current filters</source>
        <translation>&amp;Cập nhật “%1” theo điều kiện lọc hiện tại</translation>
    </message>
    <message>
        <source>&amp;Rename “%1”…</source>
        <translation>Đổi &amp;tên “%1”…</translation>
    </message>
    <message>
        <source>&amp;Delete “%1”…</source>
        <translation>&amp;Xóa “%1”…</translation>
    </message>
    <message>
        <source>&amp;Update the selected view with the current filters</source>
        <translation>&amp;Cập nhật bộ lọc đang chọn theo điều kiện lọc hiện tại</translation>
    </message>
    <message>
        <source>&amp;Rename the selected view…</source>
        <translation>Đổi &amp;tên bộ lọc đang chọn…</translation>
    </message>
    <message>
        <source>&amp;Delete the selected view…</source>
        <translation>&amp;Xóa bộ lọc đang chọn…</translation>
    </message>
</context>
<context>
    <name>SensorList</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>Lần đo cuối</translation>
    </message>
    <message>
        <source>Water level</source>
        <translation>Mực nước</translation>
    </message>
    <message>
        <source>Rainfall</source>
        <translation>Lượng mưa</translation>
    </message>
    <message>
        <source>Fine dust (PM2.5)</source>
        <translation>Bụi mịn (PM2.5)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Nhiệt độ</translation>
    </message>
    <message>
        <source>Landslide (tilt)</source>
        <translation>Sạt lở (độ nghiêng)</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>chưa có số đo</translation>
    </message>
</context>
<context>
    <name>SensorsWorkspace</name>
    <message>
        <source>Search sensors (name, ward)…</source>
        <extracomment>Live readings of the chosen sensor are gathered this long and appended to the chart together.</extracomment>
        <translation>Tìm cảm biến (tên, phường/xã)…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>Mọi phường/xã</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Xem trên bản đồ</translation>
    </message>
    <message>
        <source>No sensor chosen</source>
        <translation>Chưa chọn cảm biến</translation>
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
        <translation>%1 lúc %2</translation>
    </message>
    <message>
        <source>Choose a sensor in the list to see its readings.</source>
        <translation>Chọn một cảm biến trong danh sách để xem số đo.</translation>
    </message>
    <message>
        <source>Loading readings…</source>
        <translation>Đang tải số đo…</translation>
    </message>
    <message>
        <source>Every reading, live.</source>
        <translation>Mọi số đo, trực tiếp.</translation>
    </message>
    <message>
        <source>Lowest and highest value per minute.</source>
        <translation>Giá trị thấp nhất và cao nhất mỗi phút.</translation>
    </message>
    <message>
        <source>Lowest and highest value per hour.</source>
        <translation>Giá trị thấp nhất và cao nhất mỗi giờ.</translation>
    </message>
    <message>
        <source>Lowest and highest value per day.</source>
        <translation>Giá trị thấp nhất và cao nhất mỗi ngày.</translation>
    </message>
    <message>
        <source>This sensor has no readings from %1 to %2.</source>
        <translation>Cảm biến này không có số đo từ %1 đến %2.</translation>
    </message>
    <message>
        <source>The server cannot be reached. From the cache: %1 at %2, and %3 readings kept on this computer.</source>
        <translation>Không kết nối được máy chủ. Từ bộ nhớ đệm: %1 lúc %2, và %3 số đo lưu trên máy này.</translation>
    </message>
    <message>
        <source>The server cannot be reached and this computer keeps no readings of this sensor.</source>
        <translation>Không kết nối được máy chủ và máy này không lưu số đo nào của cảm biến này.</translation>
    </message>
    <message>
        <source>The server sent readings that cannot be drawn: %1</source>
        <translation>Máy chủ gửi số đo không vẽ được: %1</translation>
    </message>
    <message>
        <source>The readings could not be loaded: %1</source>
        <translation>Không tải được số đo: %1</translation>
    </message>
    <message>
        <source>This sensor no longer exists on the server.</source>
        <translation>Cảm biến này không còn trên máy chủ.</translation>
    </message>
    <message>
        <source>Sensor trend</source>
        <translation>Xu hướng cảm biến</translation>
    </message>
    <message>
        <source>Sensor trend: %1</source>
        <translation>Xu hướng cảm biến: %1</translation>
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
        <translation>%1 camera</translation>
    </message>
    <message>
        <source>%1 alert</source>
        <translation>%1 cảnh báo</translation>
    </message>
    <message>
        <source>%1 alerts</source>
        <translation>%1 cảnh báo</translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation>%1 phản ánh</translation>
    </message>
    <message>
        <source>%1 reports</source>
        <translation>%1 phản ánh</translation>
    </message>
    <message>
        <source>%1 sensor</source>
        <translation>%1 cảm biến</translation>
    </message>
    <message>
        <source>%1 sensors</source>
        <translation>%1 cảm biến</translation>
    </message>
    <message>
        <source>%1 task</source>
        <translation>%1 nhiệm vụ</translation>
    </message>
    <message>
        <source>%1 tasks</source>
        <translation>%1 nhiệm vụ</translation>
    </message>
    <message>
        <source>%1 public warning</source>
        <translation>%1 cảnh báo công khai</translation>
    </message>
    <message>
        <source>%1 public warnings</source>
        <translation>%1 cảnh báo công khai</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Vĩ độ</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Kinh độ</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>Use as warning area</source>
        <translation>Dùng làm vùng cảnh báo</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa vùng</translation>
    </message>
    <message>
        <source>Draw a circle or a polygon on the map to list what lies inside it.</source>
        <translation>Vẽ một hình tròn hoặc đa giác trên bản đồ để liệt kê những gì nằm trong đó.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>không có gì</translation>
    </message>
    <message>
        <source>Inside the circle (r = %1 km): %2</source>
        <translation>Trong hình tròn (bán kính %1 km): %2</translation>
    </message>
    <message>
        <source>Inside the polygon: %1</source>
        <translation>Trong đa giác: %1</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Xuất ra tệp CSV</translation>
    </message>
    <message>
        <source>inside-area.csv</source>
        <translation>trong-vung.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting %1 rows…</source>
        <translation>Đang xuất %1 dòng…</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>Đã xuất %1 dòng ra %2</translation>
    </message>
    <message>
        <source>The CSV file could not be written to %1: %2</source>
        <translation>Không ghi được tệp CSV vào %1: %2</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Show the room</source>
        <translation>Chiếu cho phòng họp</translation>
    </message>
    <message>
        <source>A camera on the video wall</source>
        <translation>Một camera trên màn hình ghép</translation>
    </message>
    <message>
        <source>The map at a camera&apos;s place</source>
        <translation>Bản đồ tại vị trí một camera</translation>
    </message>
    <message>
        <source>A dashboard</source>
        <translation>Một bảng điều khiển</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Chiếu</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Bảng điều khiển</translation>
    </message>
    <message>
        <source>Choose what to show (a camera with a known place for the map).</source>
        <translation>Hãy chọn nội dung để chiếu (với bản đồ, chọn camera có vị trí).</translation>
    </message>
</context>
<context>
    <name>ShortcutHelpDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Chức năng</translation>
    </message>
</context>
<context>
    <name>StartupSplash</name>
    <message>
        <source>IOC Huế — demo mode</source>
        <translation>IOC Huế — chế độ trình diễn</translation>
    </message>
    <message>
        <source>Signing in as the demo operator…</source>
        <translation>Đang đăng nhập bằng tài khoản điều hành viên trình diễn…</translation>
    </message>
    <message>
        <source>Starting the built-in demo backend and preparing sample cameras, alerts and sensors. This takes a few seconds the first time.</source>
        <translation>Đang khởi động máy chủ trình diễn tích hợp và chuẩn bị dữ liệu mẫu về camera, cảnh báo và cảm biến. Lần đầu có thể mất vài giây.</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>6 h</source>
        <extracomment>Huế is UTC+7 all year (no daylight saving): pyqtgraph&apos;s DateAxisItem takes seconds *west* of UTC. The span buttons: key -&gt; seconds. Zoom limits: from an hour to a year (and a little room around it). The visible range settles this long after the last wheel step before ``range_settled`` fires. Numbers instead of English day and month names (&quot;Sat 05&quot;, &quot;Jan&quot;): read the same in both languages. (start, end) in seconds since the epoch, once the visible range stopped changing. A span button was chosen (its key: &quot;6h&quot;, &quot;24h&quot;, &quot;7d&quot;, &quot;30d&quot;, &quot;1y&quot;).</extracomment>
        <translation>6 giờ</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 giờ</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 ngày</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 ngày</translation>
    </message>
    <message>
        <source>1 y</source>
        <translation>1 năm</translation>
    </message>
    <message>
        <source>Show the last 6 hours</source>
        <translation>Xem 6 giờ gần nhất</translation>
    </message>
    <message>
        <source>Show the last 24 hours</source>
        <translation>Xem 24 giờ gần nhất</translation>
    </message>
    <message>
        <source>Show the last 7 days</source>
        <translation>Xem 7 ngày gần nhất</translation>
    </message>
    <message>
        <source>Show the last 30 days</source>
        <translation>Xem 30 ngày gần nhất</translation>
    </message>
    <message>
        <source>Show the last year</source>
        <translation>Xem một năm gần nhất</translation>
    </message>
    <message>
        <source>Huế time</source>
        <translation>Giờ Huế</translation>
    </message>
    <message>
        <source>Warning %1</source>
        <translation>Cảnh báo %1</translation>
    </message>
    <message>
        <source>Alarm %1</source>
        <translation>Báo động %1</translation>
    </message>
</context>
<context>
    <name>TriageHelp</name>
    <message>
        <source>Move through the queue</source>
        <translation>Di chuyển trong hàng đợi</translation>
    </message>
    <message>
        <source>Mark / unmark the alert for a bulk action</source>
        <translation>Đánh dấu / bỏ đánh dấu cảnh báo để thao tác hàng loạt</translation>
    </message>
    <message>
        <source>Extend the marked alerts</source>
        <translation>Mở rộng vùng đánh dấu</translation>
    </message>
    <message>
        <source>Drop the marks, keep the current alert</source>
        <translation>Bỏ mọi đánh dấu, giữ cảnh báo hiện tại</translation>
    </message>
    <message>
        <source>Acknowledge (all marked alerts when several are marked)</source>
        <translation>Tiếp nhận (mọi cảnh báo đã đánh dấu nếu đánh dấu nhiều cảnh báo)</translation>
    </message>
    <message>
        <source>Verify on camera: real incident or false alarm</source>
        <translation>Xác minh qua camera: sự cố thật hay báo động giả</translation>
    </message>
    <message>
        <source>Dispatch to a unit (all marked alerts when several are marked)</source>
        <translation>Điều cho đơn vị xử lý (mọi cảnh báo đã đánh dấu nếu đánh dấu nhiều cảnh báo)</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <source>Close with a reason (all marked alerts when several are marked)</source>
        <translation>Đóng kèm lý do (mọi cảnh báo đã đánh dấu nếu đánh dấu nhiều cảnh báo)</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <source>False alarm (all marked alerts when several are marked)</source>
        <translation>Báo động giả (mọi cảnh báo đã đánh dấu nếu đánh dấu nhiều cảnh báo)</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>Danh sách này</translation>
    </message>
    <message>
        <source>Triage keys (any key closes this list)</source>
        <translation>Phím xử lý nhanh (nhấn phím bất kỳ để đóng danh sách này)</translation>
    </message>
</context>
<context>
    <name>TriageKeys</name>
    <message>
        <source>Action saved</source>
        <extracomment>A bulk write was queued durably: (outbox entry id, action, number of alerts). A bulk write completed: {&quot;entry_id&quot;, &quot;action&quot;, &quot;succeeded&quot;: [ids], &quot;failed&quot;: [(id, code)], &quot;text&quot;}.</extracomment>
        <translation>Đã lưu thao tác</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>Báo động giả</translation>
    </message>
    <message>
        <source>Close %1 alerts as false alarms?</source>
        <translation>Đóng %1 cảnh báo với lý do báo động giả?</translation>
    </message>
    <message>
        <source>Close as false alarms</source>
        <translation>Đóng: báo động giả</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Select at most %1 alerts for one action (%2 are selected).</source>
        <translation>Mỗi thao tác chỉ chọn tối đa %1 cảnh báo (đang chọn %2).</translation>
    </message>
    <message>
        <source>What was entered cannot be sent as it is. Check it and try again.</source>
        <translation>Dữ liệu đã nhập không gửi được như hiện tại. Hãy kiểm tra rồi thử lại.</translation>
    </message>
    <message>
        <source>%1 on %2 alerts saved; it is sent as soon as the server answers.</source>
        <translation>%1 cho %2 cảnh báo: đã lưu, sẽ được gửi ngay khi máy chủ phản hồi.</translation>
    </message>
    <message>
        <source>The action was NOT saved and will not be sent: %1</source>
        <translation>Thao tác KHÔNG được lưu và sẽ không được gửi: %1</translation>
    </message>
    <message>
        <source>%1 on the selected alerts failed: %2</source>
        <translation>%1 đối với các cảnh báo đã chọn không thành công: %2</translation>
    </message>
    <message>
        <source>%1: %2 succeeded</source>
        <translation>%1: %2 thành công</translation>
    </message>
    <message>
        <source>; %1 conflicted (changed by someone else first: %2)</source>
        <translation>; %1 xung đột (người khác đã thay đổi trước: %2)</translation>
    </message>
    <message>
        <source>; %1 not possible any more (%2)</source>
        <translation>; %1 không còn thực hiện được (%2)</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Tiếp nhận</translation>
    </message>
    <message>
        <source>&amp;Verify on camera…</source>
        <translation>&amp;Xác minh qua camera…</translation>
    </message>
    <message>
        <source>&amp;Dispatch to a unit…</source>
        <translation>Điều phối cho đơn &amp;vị…</translation>
    </message>
    <message>
        <source>&amp;Start handling</source>
        <translation>&amp;Bắt đầu xử lý</translation>
    </message>
    <message>
        <source>&amp;Close…</source>
        <translation>Đó&amp;ng…</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Thêm &amp;ghi chú…</translation>
    </message>
    <message>
        <source>&amp;False alarm…</source>
        <translation>Báo động &amp;giả…</translation>
    </message>
</context>
<context>
    <name>VerifyAlertDialog</name>
    <message>
        <source>Close as false alarm</source>
        <translation>Đóng: báo động giả</translation>
    </message>
    <message>
        <source>Confirm incident</source>
        <translation>Xác nhận sự cố</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Xác minh</translation>
    </message>
    <message>
        <source>Verify alert</source>
        <translation>Xác minh cảnh báo</translation>
    </message>
    <message>
        <source>Verify alert #%1 — what do you see on the camera?</source>
        <translation>Xác minh cảnh báo #%1 — camera cho thấy gì?</translation>
    </message>
    <message>
        <source>Already verified: %1 by %2 at %3. Your verdict replaces it.</source>
        <translation>Đã xác minh: %1 (%2, lúc %3). Kết luận của bạn sẽ thay thế.</translation>
    </message>
    <message>
        <source>&amp;Confirmed — real incident</source>
        <translation>&amp;Xác nhận — sự cố thật</translation>
    </message>
    <message>
        <source>A new alert becomes acknowledged, with you as its owner.</source>
        <translation>Cảnh báo mới sẽ chuyển sang “Đã tiếp nhận”, do bạn phụ trách.</translation>
    </message>
    <message>
        <source>&amp;False alarm</source>
        <translation>&amp;Báo động giả</translation>
    </message>
    <message>
        <source>The alert will be closed as a false alarm.</source>
        <translation>Cảnh báo sẽ được đóng với lý do báo động giả.</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Ghi chú (không bắt buộc):</translation>
    </message>
    <message>
        <source>What you saw, for the next shift</source>
        <translation>Những gì bạn thấy, để ca sau nắm được</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Sub stream: CPU overloaded</source>
        <translation>Luồng phụ: CPU quá tải</translation>
    </message>
    <message>
        <source>%1 frames/s: CPU overloaded</source>
        <translation>%1 khung hình/giây: CPU quá tải</translation>
    </message>
    <message>
        <source>Drag a camera here</source>
        <translation>Kéo camera vào đây</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Đang kết nối lại…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation>Kết nối lại sau %1 giây</translation>
    </message>
    <message>
        <source>Signal lost since %1</source>
        <translation>Mất tín hiệu từ %1</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>Camera not found: %1</source>
        <extracomment>MIME type of a tile dragged within the wall: {&quot;wall&quot;: id of the wall, &quot;cell&quot;: index}. Builds the feed of one tile for one camera, or None when it cannot be played (no permission). The cameras per cell changed (layout, drop, swap, tour): for &quot;view changed&quot; marks. A message for the status bar (text, ms).</extracomment>
        <translation>Không tìm thấy camera: %1</translation>
    </message>
    <message>
        <source>%1 of %2 cameras fit on the wall from this tile on</source>
        <translation>Chỉ %1 trong %2 camera vừa tường video tính từ ô này</translation>
    </message>
</context>
<context>
    <name>VideoWorkspace</name>
    <message>
        <source>Wall: full-screen the selected tile, and back (also Enter)</source>
        <extracomment>More camera changes than this at once are applied as one rebuild of the tree. A page of changes this large is a (re)sync catching up, not alerts arriving live now.</extracomment>
        <translation>Tường video: phóng toàn màn hình ô đang chọn và trở lại (cả phím Enter)</translation>
    </message>
    <message>
        <source>Wall: leave full screen or the single view</source>
        <translation>Tường video: thoát toàn màn hình hoặc chế độ xem một camera</translation>
    </message>
    <message>
        <source>Wall: save a snapshot of the selected tile</source>
        <translation>Tường video: lưu ảnh chụp của ô đang chọn</translation>
    </message>
    <message>
        <source>Wall: empty the selected tile</source>
        <translation>Tường video: làm trống ô đang chọn</translation>
    </message>
    <message>
        <source>Wall: start or stop the tour of the camera group</source>
        <translation>Tường video: bắt đầu hoặc dừng tuần tra nhóm camera</translation>
    </message>
    <message>
        <source>Wall: move the wall to its own window, and back</source>
        <translation>Tường video: tách tường video ra cửa sổ riêng và gắn lại</translation>
    </message>
    <message>
        <source>Wall: save the layout and cameras as a view…</source>
        <translation>Tường video: lưu bố cục và camera thành khung nhìn…</translation>
    </message>
    <message>
        <source>Wall: show the PTZ pad</source>
        <translation>Tường video: hiện bảng điều khiển PTZ</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Tường video</translation>
    </message>
    <message>
        <source>Video wall: %1</source>
        <translation>Tường video: %1</translation>
    </message>
    <message>
        <source>Cameras online</source>
        <translation>Camera trực tuyến</translation>
    </message>
    <message>
        <source>Cameras degraded</source>
        <translation>Camera chập chờn</translation>
    </message>
    <message>
        <source>Cameras offline</source>
        <translation>Camera ngoại tuyến</translation>
    </message>
    <message>
        <source>Cameras on the wall</source>
        <translation>Camera trên tường video</translation>
    </message>
    <message>
        <source>The map sent no cameras to show on the wall.</source>
        <translation>Bản đồ không gửi camera nào để hiển thị trên tường video.</translation>
    </message>
    <message>
        <source>None of the %1 cameras from the map is known to this console.</source>
        <translation>Bảng điều hành này không biết camera nào trong %1 camera từ bản đồ.</translation>
    </message>
    <message>
        <source>%1 cameras from the map placed on the wall.</source>
        <translation>Đã đặt %1 camera từ bản đồ lên tường video.</translation>
    </message>
    <message>
        <source>%1 more did not fit.</source>
        <translation>%1 camera nữa không đủ chỗ.</translation>
    </message>
    <message>
        <source>%1 unknown cameras skipped.</source>
        <translation>Bỏ qua %1 camera không xác định.</translation>
    </message>
    <message>
        <source>PTZ command not carried out: %1</source>
        <translation>Lệnh PTZ không được thực hiện: %1</translation>
    </message>
    <message>
        <source>No picture to save: the tile shows no video yet.</source>
        <translation>Chưa có hình để lưu: ô này chưa có video.</translation>
    </message>
    <message>
        <source>Folder for snapshots</source>
        <translation>Thư mục lưu ảnh chụp</translation>
    </message>
    <message>
        <source>The snapshot was NOT saved: %1</source>
        <translation>Ảnh chụp KHÔNG được lưu: %1</translation>
    </message>
    <message>
        <source>Snapshot saved: %1</source>
        <translation>Đã lưu ảnh chụp: %1</translation>
    </message>
    <message>
        <source>The snapshot was saved but could not be recorded: %1</source>
        <translation>Ảnh chụp đã được lưu nhưng không ghi nhận được vào nhật ký: %1</translation>
    </message>
    <message>
        <source>&amp;Full screen tile</source>
        <translation>Ô &amp;toàn màn hình</translation>
    </message>
    <message>
        <source>&amp;Leave full screen</source>
        <translation>&amp;Thoát toàn màn hình</translation>
    </message>
    <message>
        <source>&amp;Snapshot</source>
        <translation>&amp;Chụp ảnh</translation>
    </message>
    <message>
        <source>&amp;Empty tile</source>
        <translation>&amp;Làm trống ô</translation>
    </message>
    <message>
        <source>&amp;Detach the wall</source>
        <translation>&amp;Tách tường video</translation>
    </message>
    <message>
        <source>Save the wall as a &amp;view…</source>
        <translation>Lưu tường video thành &amp;khung nhìn…</translation>
    </message>
    <message>
        <source>&amp;PTZ pad</source>
        <translation>Bảng điều khiển &amp;PTZ</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>Seconds each page of a tour stays on the wall</source>
        <translation>Số giây mỗi lượt tuần tra hiển thị trên tường video</translation>
    </message>
    <message>
        <source>Layout of the wall</source>
        <translation>Bố cục tường video</translation>
    </message>
    <message>
        <source>Detach</source>
        <translation>Tách cửa sổ</translation>
    </message>
    <message>
        <source>Move the wall to its own window (a second monitor)</source>
        <translation>Chuyển tường video sang cửa sổ riêng (màn hình thứ hai)</translation>
    </message>
    <message>
        <source>The video wall is in its own window.</source>
        <translation>Tường video đang ở cửa sổ riêng.</translation>
    </message>
    <message>
        <source>Bring the wall back</source>
        <translation>Gắn tường video trở lại</translation>
    </message>
    <message>
        <source>Stop tour</source>
        <translation>Dừng tuần tra</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Tuần tra</translation>
    </message>
    <message>
        <source>Stop the &amp;tour</source>
        <translation>Dừng &amp;tuần tra</translation>
    </message>
    <message>
        <source>Start a &amp;tour</source>
        <translation>Bắt đầu &amp;tuần tra</translation>
    </message>
    <message>
        <source>Cycle the selected camera group through the wall</source>
        <translation>Lần lượt đưa nhóm camera đang chọn lên tường video</translation>
    </message>
</context>
<context>
    <name>VotingPanel</name>
    <message>
        <source>New poll…</source>
        <translation>Biểu quyết mới…</translation>
    </message>
    <message>
        <source>This meeting has no polls.</source>
        <translation>Cuộc họp này chưa có biểu quyết.</translation>
    </message>
</context>
<context>
    <name>WallViewsControl</name>
    <message>
        <source>Save wall view</source>
        <translation>Lưu khung nhìn</translation>
    </message>
    <message>
        <source>Name of the view (the layout and the camera of every tile are saved):</source>
        <translation>Tên khung nhìn (lưu bố cục và camera của từng ô):</translation>
    </message>
    <message>
        <source>Delete wall view</source>
        <translation>Xóa khung nhìn</translation>
    </message>
    <message>
        <source>Delete the wall view “%1”?</source>
        <translation>Xóa khung nhìn “%1”?</translation>
    </message>
    <message>
        <source>Sign in first: views are saved for your account.</source>
        <translation>Vui lòng đăng nhập trước: khung nhìn được lưu theo tài khoản của bạn.</translation>
    </message>
    <message>
        <source>The change to your wall views was NOT made: %1</source>
        <translation>Thay đổi khung nhìn KHÔNG được thực hiện: %1</translation>
    </message>
    <message>
        <source>Wall views</source>
        <translation>Khung nhìn</translation>
    </message>
    <message>
        <source>— Wall views —</source>
        <translation>— Khung nhìn đã lưu —</translation>
    </message>
    <message>
        <source> (waiting to send)</source>
        <translation> (đang chờ gửi)</translation>
    </message>
    <message>
        <source>Wall view</source>
        <translation>Khung nhìn</translation>
    </message>
    <message>
        <source>Save, update or delete wall views</source>
        <translation>Lưu, cập nhật hoặc xóa khung nhìn</translation>
    </message>
    <message>
        <source>&amp;Save the wall as a view…</source>
        <translation>&amp;Lưu tường video thành khung nhìn…</translation>
    </message>
    <message>
        <source>&amp;Update the selected view with the wall</source>
        <translation>&amp;Cập nhật khung nhìn đang chọn theo tường video</translation>
    </message>
    <message>
        <source>&amp;Delete the selected view…</source>
        <translation>&amp;Xóa khung nhìn đang chọn…</translation>
    </message>
</context>
<context>
    <name>WarningEditor</name>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Sự kiện:</translation>
    </message>
    <message>
        <source>&amp;Headline:</source>
        <translation>&amp;Tiêu đề:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Mô tả:</translation>
    </message>
    <message>
        <source>&amp;Instruction:</source>
        <translation>Hướng &amp;dẫn:</translation>
    </message>
    <message>
        <source>&amp;Urgency:</source>
        <translation>Mức &amp;khẩn cấp:</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>Mức &amp;nghiêm trọng:</translation>
    </message>
    <message>
        <source>C&amp;ertainty:</source>
        <translation>Độ &amp;chắc chắn:</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>Lĩnh vực:</translation>
    </message>
    <message>
        <source>the event</source>
        <translation>sự kiện</translation>
    </message>
    <message>
        <source>the headline</source>
        <translation>tiêu đề</translation>
    </message>
    <message>
        <source>the description</source>
        <translation>mô tả</translation>
    </message>
    <message>
        <source>the instruction</source>
        <translation>hướng dẫn</translation>
    </message>
    <message>
        <source>%1: %2 is empty.</source>
        <translation>%1: chưa nhập %2.</translation>
    </message>
    <message>
        <source>%1: choose at least one category.</source>
        <translation>%1: chọn ít nhất một lĩnh vực.</translation>
    </message>
    <message>
        <source>Polygon line %1 is not “lat,lon”.</source>
        <translation>Dòng %1 của đa giác không đúng dạng “vĩ độ,kinh độ”.</translation>
    </message>
    <message>
        <source>Polygon line %1 is not a place on Earth.</source>
        <translation>Dòng %1 của đa giác không phải một vị trí trên Trái Đất.</translation>
    </message>
    <message>
        <source>Area &amp;description:</source>
        <translation>Mô tả khu &amp;vực:</translation>
    </message>
    <message>
        <source>&amp;Circle</source>
        <translation>&amp;Hình tròn</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>Đa &amp;giác</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>Vĩ độ:</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>Kinh độ:</translation>
    </message>
    <message>
        <source>Radius:</source>
        <translation>Bán kính:</translation>
    </message>
    <message>
        <source>One corner per line as lat,lon, e.g.
16.4637,107.5909</source>
        <translation>Mỗi dòng một đỉnh, dạng vĩ độ,kinh độ, ví dụ
16.4637,107.5909</translation>
    </message>
    <message>
        <source>The area needs a description (the places it covers).</source>
        <translation>Khu vực cần có mô tả (các địa điểm thuộc khu vực).</translation>
    </message>
    <message>
        <source>The polygon needs at least %1 corners.</source>
        <translation>Đa giác cần ít nhất %1 đỉnh.</translation>
    </message>
    <message>
        <source>The area&apos;s description from the map is not text.</source>
        <translation>Mô tả khu vực từ bản đồ không phải văn bản.</translation>
    </message>
    <message>
        <source>The map sent no area for the warning.</source>
        <translation>Bản đồ không gửi khu vực cho cảnh báo công khai.</translation>
    </message>
    <message>
        <source>The area from the map must be either a circle or a polygon.</source>
        <translation>Khu vực từ bản đồ phải là một hình tròn hoặc một đa giác.</translation>
    </message>
    <message>
        <source>The circle from the map is malformed.</source>
        <translation>Hình tròn từ bản đồ không đúng dạng.</translation>
    </message>
    <message>
        <source>The circle&apos;s centre from the map is not a place on Earth.</source>
        <translation>Tâm hình tròn từ bản đồ không phải một vị trí trên Trái Đất.</translation>
    </message>
    <message>
        <source>The circle&apos;s radius from the map must be more than 0 km.</source>
        <translation>Bán kính hình tròn từ bản đồ phải lớn hơn 0 km.</translation>
    </message>
    <message>
        <source>The circle&apos;s radius must be between %1 and %2 km.</source>
        <translation>Bán kính hình tròn phải từ %1 đến %2 km.</translation>
    </message>
    <message>
        <source>The polygon from the map is malformed.</source>
        <translation>Đa giác từ bản đồ không đúng dạng.</translation>
    </message>
    <message>
        <source>Polygon point %1 from the map is not a place on Earth.</source>
        <translation>Điểm %1 của đa giác từ bản đồ không phải một vị trí trên Trái Đất.</translation>
    </message>
</context>
<context>
    <name>WarningEditorDialog</name>
    <message>
        <source>Public warning from alert #%1</source>
        <extracomment>The identifier the preview shows until the server gives the draft its own.</extracomment>
        <translation>Cảnh báo công khai từ cảnh báo #%1</translation>
    </message>
    <message>
        <source>Prefilled from the alert: check every text before saving. The Vietnamese block is required; the English one is for visitors.</source>
        <translation>Đã điền sẵn từ cảnh báo: hãy kiểm tra mọi nội dung trước khi lưu. Phần tiếng Việt là bắt buộc; phần tiếng Anh dành cho du khách.</translation>
    </message>
    <message>
        <source>New public warning</source>
        <translation>Cảnh báo công khai mới</translation>
    </message>
    <message>
        <source>The area comes from the map: write what happens and what people should do. The Vietnamese block is required; the English one is for visitors.</source>
        <translation>Khu vực lấy từ bản đồ: hãy viết điều gì đang xảy ra và người dân cần làm gì. Phần tiếng Việt là bắt buộc; phần tiếng Anh dành cho du khách.</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>T&amp;rạng thái:</translation>
    </message>
    <message>
        <source>Vietnamese (vi-VN)</source>
        <translation>Tiếng Việt (vi-VN)</translation>
    </message>
    <message>
        <source>English (en-US)</source>
        <translation>Tiếng Anh (en-US)</translation>
    </message>
    <message>
        <source>Include the &amp;English block</source>
        <translation>Kèm phần tiếng &amp;Anh</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Khu vực</translation>
    </message>
    <message>
        <source>CAP 1.2 document (preview)</source>
        <translation>Tài liệu CAP 1.2 (xem trước)</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>Lưu &amp;bản nháp</translation>
    </message>
    <message>
        <source>Save and &amp;publish</source>
        <translation>Lưu và &amp;phát hành</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>(no preview: %1)</source>
        <translation>(không xem trước được: %1)</translation>
    </message>
    <message>
        <source>Only an alert verified on camera as real can become a public warning.</source>
        <translation>Chỉ cảnh báo đã được xác minh qua camera là sự cố thật mới có thể chuyển thành cảnh báo công khai.</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <source>Not signed in: there is no outbox to save the warning in.</source>
        <translation>Chưa đăng nhập: không có nơi lưu cảnh báo để chờ gửi.</translation>
    </message>
    <message>
        <source>The warning cannot be sent as it is. Check every field and try again.</source>
        <translation>Cảnh báo không gửi được như hiện tại. Hãy kiểm tra mọi trường rồi thử lại.</translation>
    </message>
    <message>
        <source>The warning was NOT saved: %1</source>
        <translation>Cảnh báo KHÔNG được lưu: %1</translation>
    </message>
    <message>
        <source>Warning not saved</source>
        <translation>Chưa lưu cảnh báo</translation>
    </message>
</context>
<context>
    <name>WarningsList</name>
    <message>
        <source>Draft</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Đã phát hành</translation>
    </message>
    <message>
        <source>Other agency</source>
        <translation>Cơ quan khác</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Cập nhật</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gửi lúc</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>chưa gửi</translation>
    </message>
    <message>
        <source>&amp;Publish this draft</source>
        <translation>&amp;Phát hành bản nháp này</translation>
    </message>
    <message>
        <source>Choose a warning to see its CAP 1.2 document.</source>
        <translation>Chọn một cảnh báo để xem tài liệu CAP 1.2 của cảnh báo đó.</translation>
    </message>
    <message>
        <source>CAP 1.2 document of warning #%1</source>
        <translation>Tài liệu CAP 1.2 của cảnh báo #%1</translation>
    </message>
    <message>
        <source>CAP 1.2 document of warning #%1 (rebuilt on this computer: the server cannot be reached)</source>
        <translation>Tài liệu CAP 1.2 của cảnh báo #%1 (tạo lại trên máy này: không kết nối được máy chủ)</translation>
    </message>
    <message>
        <source>The CAP document of warning #%1 needs the server, which cannot be reached.</source>
        <translation>Tài liệu CAP của cảnh báo #%1 cần máy chủ, hiện không kết nối được.</translation>
    </message>
    <message>
        <source>Publishing was NOT queued: %1</source>
        <translation>Lệnh phát hành KHÔNG được đưa vào hàng chờ gửi: %1</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <source>&amp;Import a CAP file…</source>
        <translation>&amp;Nhập tệp CAP…</translation>
    </message>
    <message>
        <source>Import a CAP 1.2 warning of another agency (at most 1 MiB)</source>
        <translation>Nhập cảnh báo CAP 1.2 của cơ quan khác (tối đa 1 MiB)</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <source>Live events</source>
        <translation>Sự kiện trực tiếp</translation>
    </message>
    <message>
        <source>Alert queues</source>
        <translation>Hàng đợi cảnh báo</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>Tường video</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Bản đồ</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Cảm biến</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Bảng điều khiển</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Cuộc họp</translation>
    </message>
</context>
<context>
    <name>_BulkCloseDialog</name>
    <message>
        <source>Close alerts</source>
        <translation>Đóng cảnh báo</translation>
    </message>
    <message>
        <source>Close %1 alerts — why?</source>
        <translation>Đóng %1 cảnh báo — lý do?</translation>
    </message>
    <message>
        <source>Close %1 alerts</source>
        <translation>Đóng %1 cảnh báo</translation>
    </message>
</context>
<context>
    <name>_BulkDispatchDialog</name>
    <message>
        <source>Dispatch alerts</source>
        <translation>Điều phối xử lý cảnh báo</translation>
    </message>
    <message>
        <source>Dispatch %1 alerts to the unit in charge</source>
        <translation>Điều %1 cảnh báo cho đơn vị phụ trách</translation>
    </message>
</context>
</TS>
