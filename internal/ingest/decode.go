package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// binaryMagic are file signatures of common non-text formats.
var binaryMagic = []struct {
	sig  string
	name string
}{
	{"%PDF", "PDF"}, {"\x89PNG", "PNG image"}, {"GIF8", "GIF image"}, {"\xff\xd8\xff", "JPEG image"},
	{"PK\x03\x04", "ZIP archive"}, {"\x1f\x8b", "gzip data"}, {"\x7fELF", "executable"},
	{"RIFF", "RIFF media"}, {"OggS", "Ogg media"}, {"ID3", "MP3 audio"}, {"\x00\x00\x01\x00", "icon"},
}

// decode turns input bytes into valid UTF-8 text. It returns the text, a
// note when it repaired or converted the encoding, and a rejection reason
// (binary data, empty input) when the bytes are not usable text.
func decode(b []byte, format string) (text, note, reject string) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", "", "empty input: nothing to read"
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, []byte(m.sig)) {
			return "", "", fmt.Sprintf("binary file (%s), not text", m.name)
		}
	}
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 && !isUTF16(head) {
		return "", "", "binary file (contains NUL bytes), not text"
	}
	if isUTF16(head) {
		dec, name, _ := charset.DetermineEncoding(b, "text/plain")
		if s, err := dec.NewDecoder().Bytes(b); err == nil && utf8.Valid(s) {
			return strings.TrimPrefix(string(s), "\ufeff"), fmt.Sprintf("input was %s; converted to UTF-8", name), ""
		}
		return "", "", "binary file (undecodable UTF-16), not text"
	}
	if controlShare(head) > 0.1 {
		return "", "", "binary file (mostly control characters), not text"
	}
	if utf8.Valid(b) {
		return strings.TrimPrefix(string(b), "\ufeff"), "", ""
	}
	if format == "html" {
		if dec, name, certain := charset.DetermineEncoding(b, "text/html"); certain && name != "utf-8" {
			if s, err := dec.NewDecoder().Bytes(b); err == nil && utf8.Valid(s) {
				return string(s), fmt.Sprintf("page declares %s; converted to UTF-8", name), ""
			}
		}
	}
	valid, invalid := utf8Shares(b)
	if valid == 0 && invalid > 0 {
		// No multi-byte UTF-8 sequence at all: a legacy single-byte page.
		if s, err := charmap.Windows1252.NewDecoder().Bytes(b); err == nil {
			return string(s), "input is not UTF-8; decoded as Windows-1252", ""
		}
	}
	return strings.ToValidUTF8(string(b), "\ufffd"),
		fmt.Sprintf("invalid UTF-8: %d malformed byte sequences replaced with U+FFFD", invalid), ""
}

// isUTF16 reports whether b starts with a UTF-16 byte-order mark.
func isUTF16(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff})
}

// controlShare is the share of bytes that are C0 control characters other
// than white space.
func controlShare(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// utf8Shares counts valid multi-byte sequences and malformed bytes.
func utf8Shares(b []byte) (valid, invalid int) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			valid++
		}
		b = b[max(size, 1):]
	}
	return valid, invalid
}
