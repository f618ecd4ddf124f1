package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/sitrep/sitrep/internal/model"
)

// Token BLOB format, version 1. An article's tokens are stored in one BLOB
// in the articles.tokens column:
//
//	version  1 byte, tokenFormatV1
//	count    uvarint, the number of tokens
//	count records, each two signed varints (encoding/binary zig-zag form):
//	  gap    token.Span.Start - previous token's Span.End (0 before the first)
//	  shape  (token.Span.End - token.Span.Start) << 1 | SpaceAfter
//
// Tokens follow each other in the text, so gap is small and non-negative
// (usually 0 or 1) and the length short: a typical token takes two bytes,
// against about 30 for a row of (article, index, start, end, space). Signed
// varints keep the format total: overlapping, unordered or NoSpan tokens
// round-trip too, only less compactly.
const tokenFormatV1 = 1

var errTokenBlob = errors.New("malformed token blob")

// appendTokens appends the encoding of toks to dst and returns it.
func appendTokens(dst []byte, toks []model.Token) []byte {
	dst = append(dst, tokenFormatV1)
	dst = binary.AppendUvarint(dst, uint64(len(toks)))
	prevEnd := int64(0)
	for _, t := range toks {
		start, end := int64(t.Span.Start), int64(t.Span.End)
		shape := (end - start) << 1
		if t.SpaceAfter {
			shape |= 1
		}
		dst = binary.AppendVarint(dst, start-prevEnd)
		dst = binary.AppendVarint(dst, shape)
		prevEnd = end
	}
	return dst
}

// decodeTokens decodes a BLOB written by appendTokens. It returns nil for
// zero tokens and an error, never a panic, for malformed input.
func decodeTokens(b []byte) ([]model.Token, error) {
	if len(b) == 0 || b[0] != tokenFormatV1 {
		return nil, fmt.Errorf("%w: unknown format", errTokenBlob)
	}
	b = b[1:]
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return nil, fmt.Errorf("%w: bad count", errTokenBlob)
	}
	b = b[k:]
	// Each record takes at least two bytes; this also bounds the allocation.
	if n > uint64(len(b)/2) {
		return nil, fmt.Errorf("%w: count %d exceeds data", errTokenBlob, n)
	}
	if n == 0 {
		if len(b) != 0 {
			return nil, fmt.Errorf("%w: trailing bytes", errTokenBlob)
		}
		return nil, nil
	}
	toks := make([]model.Token, n)
	prevEnd := int64(0)
	for i := range toks {
		gap, k := binary.Varint(b)
		if k <= 0 {
			return nil, fmt.Errorf("%w: token %d: bad start", errTokenBlob, i)
		}
		b = b[k:]
		shape, k := binary.Varint(b)
		if k <= 0 {
			return nil, fmt.Errorf("%w: token %d: bad length", errTokenBlob, i)
		}
		b = b[k:]
		start := prevEnd + gap
		end := start + shape>>1
		toks[i] = model.Token{
			Span:       model.Span{Start: int(start), End: int(end)},
			SpaceAfter: shape&1 == 1,
		}
		prevEnd = end
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: trailing bytes", errTokenBlob)
	}
	return toks, nil
}
