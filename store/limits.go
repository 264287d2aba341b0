package store

import (
	"errors"
	"io"
	"math"
)

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

// ErrRecordTooLong refuses a record (a change, a line, a row) longer than
// MaxRecordBytes.
var ErrRecordTooLong = errors.New("a record is longer than any real one (refused)")

// recordSlack is how far past a record's cap a decoder may have read
// ahead into its buffer, so a record just under the cap still decodes.
const recordSlack = 64 << 10

// RecordReader sits between a file and a decoder that buffers a whole
// record before it decodes it (encoding/json, encoding/csv,
// encoding/xml): it lets the decoder read no further than MaxRecordBytes
// (and its read-ahead) past the start of the record it is on, so one
// enormous field stops the decoder at about a megabyte instead of being
// read whole.
type RecordReader struct {
	r           io.Reader
	read, limit int64
}

// NewRecordReader reads r one record at a time; the first starts at 0.
func NewRecordReader(r io.Reader) *RecordReader {
	return &RecordReader{r: r, limit: MaxRecordBytes + recordSlack}
}

// Start tells where the next record starts (the decoder's input offset).
func (b *RecordReader) Start(offset int64) { b.limit = offset + MaxRecordBytes + recordSlack }

// Unlimited lets the rest be read whole (the tail after the last record).
func (b *RecordReader) Unlimited() { b.limit = math.MaxInt64 }

func (b *RecordReader) Read(p []byte) (int, error) {
	room := b.limit - b.read
	if room <= 0 {
		// At the limit: only the end of the input is still welcome.
		var one [1]byte
		if n, err := io.ReadFull(b.r, one[:]); n == 0 && err == io.EOF {
			return 0, io.EOF
		}
		return 0, ErrRecordTooLong
	}
	n, err := b.r.Read(p[:min(int64(len(p)), room)])
	b.read += int64(n)
	return n, err
}
