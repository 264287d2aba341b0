package startup

import "strings"

// failure is why a start ends before the window is up.
type failure int

const (
	failWindow  failure = iota // GLFW or its window failed (Fyne logged it)
	failTimeout                // no window after firstWindowTimeout
	failPanic                  // a panic on the main goroutine
)

func (k failure) String() string {
	return [...]string{"window could not be made", "no window in time", "panic"}[k]
}

// boxTitle is the message box's title; scripts that test the failure look
// for it.
const boxTitle = "Sổ tay Chi bộ không mở được"

// Parts of the messages, each said once.
const (
	dataSafe = "Dữ liệu của chi bộ không bị ảnh hưởng."
	details  = "Chi tiết đã ghi vào tệp: "
	askHelp  = "Nếu vẫn không được, hãy gửi tệp đó cho cán bộ hỗ trợ của cấp ủy."
)

// message is what the box says: what happened, then what to do, then
// that the data is safe and where the details are.
func (k failure) message(g Graphics, logPath string) (title, text string) {
	var what, todo string
	switch {
	case k == failPanic:
		what = "Sổ tay Chi bộ gặp lỗi khi đang chạy và phải đóng lại. Những gì đã lưu vẫn còn nguyên."
		todo = "Hãy mở lại Sổ tay Chi bộ. " + askHelp
	case g.Used == UsedHardware && g.Fallback != "":
		what = "Card màn hình của máy này không mở được cửa sổ của Sổ tay Chi bộ (lỗi OpenGL)."
		todo = "Bấm OK: chương trình sẽ tự mở lại bằng đồ họa phần mềm (chậm hơn một chút, dùng bình thường). " +
			"Có thể đổi lại trong mục «Cài đặt» sau khi cài trình điều khiển card màn hình của hãng máy."
	case g.Used == UsedHardware:
		what = "Máy này chưa có trình điều khiển card màn hình hỗ trợ OpenGL 2.1, nên Sổ tay Chi bộ không mở được cửa sổ. " +
			"Thư mục «" + FallbackDir + "» (đồ họa phần mềm) bên cạnh chibo.exe cũng không còn."
		todo = "Hãy cài lại Sổ tay Chi bộ bằng bộ cài đặt, hoặc giải nén lại đủ tệp zip (giữ thư mục «" + FallbackDir +
			"» cạnh chibo.exe), rồi mở lại. Cũng có thể nhờ người cài trình điều khiển card màn hình của hãng máy. " + askHelp
	default:
		what = "Sổ tay Chi bộ không mở được cửa sổ, kể cả bằng đồ họa phần mềm."
		todo = "Hãy khởi động lại máy rồi mở lại Sổ tay Chi bộ. " + askHelp
	}
	if k == failTimeout {
		what = "Đã chờ lâu mà cửa sổ của Sổ tay Chi bộ vẫn chưa hiện ra. " + what
	}
	return boxTitle, strings.Join([]string{what, todo, dataSafe + " " + details + logPath}, "\n\n")
}

// relaunches tells whether OK on the box starts the program again: only
// when a window failed on the laptop's OpenGL and the software one is
// there to use.
func (k failure) relaunches(g Graphics) bool {
	return k != failPanic && g.Used == UsedHardware && g.Fallback != ""
}
