// Command execheck checks a built chibo.exe the way Windows will see it: a
// 64-bit PE32+ image for the GUI subsystem (no console window pops up),
// with a resource section carrying an icon and the version and product
// name from FyneApp.toml, and opengl32.dll not among the DLLs Windows loads
// before the program starts (it is delay-loaded, so the software OpenGL can
// take its place: internal/startup). `make windows` runs it; a failure
// stops the build.
//
//	go run ./packaging/execheck -version 0.1.0 -product "Sổ tay Chi bộ" dist/windows/chibo.exe
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
)

func main() {
	version := flag.String("version", "", "version the exe must carry")
	product := flag.String("product", "", "product name the exe must carry")
	flag.Parse()
	if flag.NArg() != 1 || *version == "" || *product == "" {
		fmt.Fprintln(os.Stderr, "usage: execheck -version V -product NAME FILE.exe")
		os.Exit(2)
	}
	facts, err := check(flag.Arg(0), *version, *product)
	if err != nil {
		fmt.Fprintln(os.Stderr, "execheck:", flag.Arg(0)+":", err)
		os.Exit(1)
	}
	fmt.Println("execheck:", flag.Arg(0)+":", facts)
}

// check returns a one-line summary or the first thing that is wrong.
func check(path, version, product string) (string, error) {
	f, err := pe.Open(path)
	if err != nil {
		return "", fmt.Errorf("not a PE executable: %w", err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return "", fmt.Errorf("machine %#x, want AMD64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return "", errors.New("not PE32+ (64-bit optional header)")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return "", fmt.Errorf("subsystem %d, want Windows GUI (%d): built without -H=windowsgui", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	syms, err := f.ImportedSymbols() // "name:DLL"; ImportedLibraries lists nothing on PE
	if err != nil {
		return "", fmt.Errorf("read imports: %w", err)
	}
	for _, sym := range syms {
		if _, dll, _ := strings.Cut(sym, ":"); strings.EqualFold(dll, "opengl32.dll") {
			return "", errors.New("opengl32.dll is a load-time import: the software OpenGL could not replace it (link with the delay-load library)")
		}
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return "", errors.New("no .rsrc section: icon and version resources are missing")
	}
	data, err := rsrc.Data()
	if err != nil {
		return "", fmt.Errorf("read .rsrc: %w", err)
	}
	for _, want := range []string{"ProductVersion", version, "ProductName", product} {
		if !bytes.Contains(data, utf16le(want)) {
			return "", fmt.Errorf("version resource lacks %q", want)
		}
	}
	types := resourceTypes(data)
	for id, what := range map[uint32]string{3: "icon", 14: "icon group", 16: "version", 24: "manifest"} {
		if !types[id] {
			return "", fmt.Errorf("no %s resource (type %d)", what, id)
		}
	}
	st, _ := os.Stat(path)
	return fmt.Sprintf("PE32+ x86-64 GUI, version %s, product %q, %.1f MB", version, product, float64(st.Size())/(1<<20)), nil
}

// resourceTypes reads the type ids of the root resource directory:
// a 16-byte header whose last two words count named and id entries,
// then 8-byte entries whose first word is the id.
func resourceTypes(rsrc []byte) map[uint32]bool {
	out := map[uint32]bool{}
	if len(rsrc) < 16 {
		return out
	}
	named := int(binary.LittleEndian.Uint16(rsrc[12:]))
	ids := int(binary.LittleEndian.Uint16(rsrc[14:]))
	for i := named; i < named+ids; i++ {
		at := 16 + 8*i
		if at+8 > len(rsrc) {
			break
		}
		out[binary.LittleEndian.Uint32(rsrc[at:])] = true
	}
	return out
}

// utf16le is how Windows resources store strings.
func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}
