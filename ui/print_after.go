package ui

import (
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// showPDF opens a PDF in the system's viewer, which does the printing.
func showPDF(a fyne.App, path string) error {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	return openFile(a, u)
}

// afterPrint opens a printed document and then offers to open it again
// (the viewer was closed before printing) or to save the PDF on a stick,
// to print on another computer: the commune office's printer.
func afterPrint(sh *shell, path string) {
	text := "Đã mở «" + filepath.Base(path) + "» trong chương trình xem PDF. Hãy in từ chương trình đó."
	if err := showPDF(sh.app, path); err != nil {
		text = "Máy chưa mở được chương trình xem PDF. Hãy lưu tệp ra USB để in ở máy khác."
	}
	var d dialog.Dialog
	again := widget.NewButtonWithIcon("Mở lại", theme.DocumentPrintIcon(), func() {
		if err := showPDF(sh.app, path); err != nil {
			showError(sh.win, err)
		}
	})
	usb := widget.NewButtonWithIcon("Lưu PDF ra USB", theme.DocumentSaveIcon(), func() {
		d.Hide()
		saveAs(sh.win, filepath.Base(path), func(dest string) { copyPDF(sh, path, dest) })
	})
	closeButton := widget.NewButtonWithIcon("Đóng", theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Đã tạo tệp để in", container.NewVBox(wrapped(text), flow(again, usb, closeButton)), sh.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// copyPDF puts a printed document on the stick. The PDF is not
// encrypted, so the message says to delete it once printed.
func copyPDF(sh *shell, from, to string) {
	err := store.WriteFileAtomic(to, func(w io.Writer) error {
		f, err := os.Open(from)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
	if err != nil {
		showError(sh.win, err)
		return
	}
	showMessage(sh.win, "Đã lưu", "Đã lưu vào:\n"+to+"\nTệp PDF không được mã hóa: in xong hãy xóa tệp khỏi USB.")
}
