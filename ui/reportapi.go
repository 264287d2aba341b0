package ui

import "chibo/report"

// minutesPDF writes the printed minutes. It is a variable so a test can
// watch what gets printed without reading PDF bytes.
var minutesPDF = report.MinutesPDF
