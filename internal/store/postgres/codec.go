package postgres

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/sitrep/sitrep/internal/model"
)

// Paragraphs, sentences and tokens are stored as BYTEA values in a compact
// format, version 1:
//
//	version  1 byte, codecV1
//	count    uvarint, the number of records
//	count records of signed varints (zig-zag) and strings (uvarint length,
//	then bytes):
//	  token      gap (Span.Start - previous token's Span.End, 0 before the
//	             first), (Span.End - Span.Start) << 1 | SpaceAfter
//	  sentence   Span.Start, Span.End, Paragraph, FirstToken, EndToken
//	  paragraph  Span.Start, Span.End, Raw.Start, Raw.End, Kind
//
// A token takes about two bytes (against some thirty for a row). Signed
// varints keep the format total: NoSpan, overlapping and unordered spans
// round-trip too. Token.Syntax is not stored (see store.Store.Article).
const codecV1 = 1

var errCodec = errors.New("malformed encoded column")

type encoder []byte

func newEncoder(count, perRecord int) encoder {
	e := make(encoder, 0, 1+binary.MaxVarintLen64+count*perRecord)
	e = append(e, codecV1)
	return binary.AppendUvarint(e, uint64(count))
}

func (e *encoder) int(v int) { *e = binary.AppendVarint(*e, int64(v)) }

func (e *encoder) str(s string) {
	*e = binary.AppendUvarint(*e, uint64(len(s)))
	*e = append(*e, s...)
}

// decoder reads an encoder's output; the first problem sticks in err and
// every later read returns zero values, so callers check err once.
type decoder struct {
	b   []byte
	err error
}

// start checks the version and returns the record count, bounded by the
// bytes left so that a corrupt count cannot make the caller allocate a
// huge slice.
func (d *decoder) start(minRecord int) int {
	if len(d.b) == 0 || d.b[0] != codecV1 {
		d.err = fmt.Errorf("%w: unknown version", errCodec)
		return 0
	}
	d.b = d.b[1:]
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k)/uint64(minRecord) {
		d.err = fmt.Errorf("%w: bad count", errCodec)
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b)
	if k <= 0 || v < math.MinInt32 || v > math.MaxInt32 {
		d.err = fmt.Errorf("%w: bad integer", errCodec)
		return 0
	}
	d.b = d.b[k:]
	return int(v)
}

func (d *decoder) str() string {
	if d.err != nil {
		return ""
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.err = fmt.Errorf("%w: bad string", errCodec)
		return ""
	}
	s := string(d.b[k : k+int(n)])
	d.b = d.b[k+int(n):]
	return s
}

func (d *decoder) finish() error {
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d trailing bytes", errCodec, len(d.b))
	}
	return d.err
}

func encodeTokens(toks []model.Token) []byte {
	e := newEncoder(len(toks), 2)
	prevEnd := 0
	for _, t := range toks {
		shape := (t.Span.End - t.Span.Start) << 1
		if t.SpaceAfter {
			shape |= 1
		}
		e.int(t.Span.Start - prevEnd)
		e.int(shape)
		prevEnd = t.Span.End
	}
	return e
}

// decodeTokens returns nil for zero tokens and an error, never a panic,
// for malformed input.
func decodeTokens(b []byte) ([]model.Token, error) {
	d := decoder{b: b}
	n := d.start(2)
	var toks []model.Token
	if n > 0 {
		toks = make([]model.Token, n)
	}
	prevEnd := 0
	for i := 0; i < n && d.err == nil; i++ {
		start := prevEnd + d.int()
		shape := d.int()
		end := start + shape>>1
		toks[i] = model.Token{Span: model.Span{Start: start, End: end}, SpaceAfter: shape&1 == 1}
		prevEnd = end
	}
	if err := d.finish(); err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	return toks, nil
}

func encodeSentences(ss []model.Sentence) []byte {
	e := newEncoder(len(ss), 8)
	for _, s := range ss {
		e.int(s.Span.Start)
		e.int(s.Span.End)
		e.int(s.Paragraph)
		e.int(s.FirstToken)
		e.int(s.EndToken)
	}
	return e
}

func decodeSentences(b []byte) ([]model.Sentence, error) {
	d := decoder{b: b}
	n := d.start(5)
	var ss []model.Sentence
	if n > 0 {
		ss = make([]model.Sentence, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		ss[i] = model.Sentence{Span: model.Span{Start: d.int(), End: d.int()}, Paragraph: d.int(), FirstToken: d.int(), EndToken: d.int()}
	}
	if err := d.finish(); err != nil {
		return nil, fmt.Errorf("sentences: %w", err)
	}
	return ss, nil
}

func encodeParagraphs(ps []model.Paragraph) []byte {
	e := newEncoder(len(ps), 10)
	for _, p := range ps {
		e.int(p.Span.Start)
		e.int(p.Span.End)
		e.int(p.Raw.Start)
		e.int(p.Raw.End)
		e.str(string(p.Kind))
	}
	return e
}

func decodeParagraphs(b []byte) ([]model.Paragraph, error) {
	d := decoder{b: b}
	n := d.start(5)
	var ps []model.Paragraph
	if n > 0 {
		ps = make([]model.Paragraph, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		ps[i] = model.Paragraph{
			Span: model.Span{Start: d.int(), End: d.int()},
			Raw:  model.Span{Start: d.int(), End: d.int()},
			Kind: model.ParagraphKind(d.str()),
		}
	}
	if err := d.finish(); err != nil {
		return nil, fmt.Errorf("paragraphs: %w", err)
	}
	return ps, nil
}
