package sync

import (
	"crypto/sha256"
	"strings"
)

// fingerprintWords are 64 short, everyday Vietnamese words that sound
// unlike each other, so two secretaries can read a fingerprint over a bad
// phone line. Never reorder or change them: the list is part of the format.
var fingerprintWords = [64]string{
	"núi", "sông", "suối", "rừng", "đồi", "ruộng", "nương", "lúa",
	"ngô", "sắn", "chè", "mây", "mưa", "gió", "nắng", "trăng",
	"sao", "trời", "đất", "đá", "cây", "hoa", "lá", "quả",
	"hạt", "gạo", "muối", "nước", "lửa", "khói", "nhà", "bếp",
	"cửa", "sân", "giếng", "cầu", "đường", "chợ", "làng", "bản",
	"trâu", "bò", "ngựa", "dê", "lợn", "gà", "vịt", "cá",
	"chim", "ong", "mèo", "chó", "hổ", "gấu", "voi", "hươu",
	"sóc", "thỏ", "dao", "cuốc", "gùi", "nón", "áo", "khăn",
}

// FingerprintWords is the fingerprint as eight words (48 bits of the same
// digest as Fingerprint): easier to compare aloud than hex groups.
func FingerprintWords(signPub []byte, ageRecipient string) string {
	h := sha256.New()
	h.Write([]byte(fingerprintDomain))
	h.Write(signPub)
	h.Write([]byte(ageRecipient))
	d := h.Sum(nil)
	bits := uint64(d[0])<<40 | uint64(d[1])<<32 | uint64(d[2])<<24 | uint64(d[3])<<16 | uint64(d[4])<<8 | uint64(d[5])
	out := make([]string, 8)
	for i := range out {
		out[i] = fingerprintWords[(bits>>(42-6*i))&63]
	}
	return strings.Join(out, " ")
}
