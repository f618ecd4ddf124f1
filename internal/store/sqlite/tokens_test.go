package sqlite

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

func TestTokenCodec(t *testing.T) {
	cases := [][]model.Token{
		nil,
		{{Span: model.Span{Start: 0, End: 3}, SpaceAfter: true}, {Span: model.Span{Start: 4, End: 7}}, {Span: model.Span{Start: 7, End: 8}}},
		{{Span: model.NoSpan}, {Span: model.Span{Start: 5, End: 2}, SpaceAfter: true}, {Span: model.Span{Start: 1 << 40, End: 1<<40 + 1}}},
	}
	for _, toks := range cases {
		b := appendTokens(nil, toks)
		got, err := decodeTokens(b)
		if err != nil {
			t.Fatalf("decode(%v): %v", toks, err)
		}
		if !slices.Equal(got, toks) {
			t.Errorf("round trip = %v, want %v", got, toks)
		}
	}
	if b := appendTokens(nil, cases[1]); len(b) != 2+2*3 {
		t.Errorf("3 adjacent short tokens take %d bytes, want 8", len(b))
	}
	for _, bad := range [][]byte{nil, {}, {2, 0}, {1}, {1, 1}, {1, 1, 0}, {1, 1, 0, 0, 0}, {1, 0, 0}, {1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		if toks, err := decodeTokens(bad); err == nil {
			t.Errorf("decode(%x) = %v, want an error", bad, toks)
		}
	}
}

// FuzzTokenCodec checks that decoding never panics and that whatever
// decodes survives another encode and decode unchanged.
func FuzzTokenCodec(f *testing.F) {
	f.Add(appendTokens(nil, []model.Token{{Span: model.Span{Start: 0, End: 3}, SpaceAfter: true}, {Span: model.Span{Start: 4, End: 9}}}))
	f.Add(appendTokens(nil, []model.Token{{Span: model.NoSpan}}))
	f.Add([]byte{1, 0})
	f.Add(binary.AppendUvarint([]byte{1}, 1<<62))
	f.Fuzz(func(t *testing.T, b []byte) {
		toks, err := decodeTokens(b)
		if err != nil {
			return
		}
		again, err := decodeTokens(appendTokens(nil, toks))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !slices.Equal(again, toks) {
			t.Fatalf("re-decode = %v, want %v", again, toks)
		}
	})
}
