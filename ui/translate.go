package ui

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"chibo/assets"
)

// viFile is the Vietnamese wording of every string Fyne itself shows.
const viFile = "translations/vi.json"

// fyneLocales are the languages Fyne v2.7.1 ships (lang/translations/
// base.*.json) with English, its fallback, first. Fyne picks one of them
// from the OS locale and has no call to choose another, so the Vietnamese
// wording is installed under every one of them as well as under "vi":
// whatever the OS says (C, en_US, de_DE, vi_VN, a Windows setting), the
// match lands on Vietnamese text. Every key Fyne asks for is in the file,
// so no "translation failure" line is ever logged.
var fyneLocales = []fyne.Locale{
	"en", "vi", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
}

// UseVietnamese installs the Vietnamese translation of Fyne's built-in
// strings and forces it whatever the OS locale (LANG=C, en_US.UTF-8,
// vi_VN.UTF-8), with no "translation not found" log lines. main calls it
// before creating the app.
func UseVietnamese() error {
	// On Unix Fyne reads the locale from LC_ALL, LC_MESSAGES or LANG, and
	// from LANGUAGE unless the locale is exactly C or POSIX. The common
	// LANG=C.UTF-8 would otherwise be parsed as the language tag "C" and
	// logged as an error every time Fyne re-reads the locale (once per
	// translation added). Saying "vi" here avoids that and also reaches
	// the week-start lookup; Windows and macOS ignore it, and the
	// registration below covers them.
	if err := os.Setenv("LANGUAGE", "vi"); err != nil {
		return fmt.Errorf("ui: set LANGUAGE: %w", err)
	}
	data, err := assets.Translations.ReadFile(viFile)
	if err != nil {
		return fmt.Errorf("ui: read %s: %w", viFile, err)
	}
	for _, l := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			return fmt.Errorf("ui: install Vietnamese for %s: %w", l, err)
		}
	}
	return nil
}
