package store

// MaxRecordBytes bounds one record as a reader decodes it: the JSON of one
// change in a bundle (sync's streaming decoder) and one line of a CSV or
// one row of an XLSX sheet (the importers here). A reader stops at this
// many bytes instead of holding whatever a file declares, so a signed
// bundle or a spreadsheet with one enormous field is refused early, at a
// memory cost that does not grow with the field.
//
// It is a technical limit, not a Party rule: the longest real record, a
// meeting's minutes with every agenda item's discussion, is a few tens of
// kilobytes of UTF-8; a member line is a few hundred bytes. The caps on
// each field (what a real record needs) are the entities table's; this
// one only keeps a reader from swallowing a bomb before those checks run.
const MaxRecordBytes = 1 << 20
