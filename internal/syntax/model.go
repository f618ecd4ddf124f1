package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/sitrep/sitrep/internal/model"
)

// ModelFile is the embedded model's path inside the package (and, joined
// to internal/syntax, inside the repository).
const ModelFile = "model/syntax.bin.gz"

//go:embed model
var embedded embed.FS

// DefaultMaxTokens is the longest sentence parsed as one tree; longer ones
// are parsed in chunks of this many tokens.
const DefaultMaxTokens = 150

// Model is a trained tagger, lemmatiser and dependency parser. A Model is
// read-only after loading and safe for concurrent use by many goroutines.
type Model struct {
	tagger *tagger
	parser *parser
	// xpos and upos split the tagger's joint classes.
	xpos, upos []string
	lem        *lemmatizer
	pool       sync.Pool // *work
}

// newModel assembles a model from its parts.
func newModel(t *tagger, p *parser, l *lemmatizer) *Model {
	m := &Model{tagger: t, parser: p, lem: l}
	if p != nil {
		p.coarse = coarseTags(t.tags)
		p.punct = labelIndex(p.labels, "punct")
	}
	for _, c := range t.tags {
		x, u, _ := strings.Cut(c, " ")
		m.xpos = append(m.xpos, x)
		m.upos = append(m.upos, u)
	}
	return m
}

// work is the scratch space of one call.
type work struct {
	s       sent
	c       config
	pf      punctFixer
	isPunct []bool
	moved   []int
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loading it on the first call. Every
// call returns the same *Model.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		raw, err := embedded.ReadFile(ModelFile)
		if err != nil {
			defaultErr = fmt.Errorf("syntax: embedded model missing (run 'sitrep train syntax'): %w", err)
			return
		}
		defaultModel, defaultErr = loadGzip(raw)
	})
	return defaultModel, defaultErr
}

// Parse tags, lemmatises and parses one sentence given as words, with the
// default cap of DefaultMaxTokens tokens per tree. Heads index words (-1
// for the root). It returns one result per word.
func (m *Model) Parse(words []string) []model.Syntax {
	out := make([]model.Syntax, len(words))
	m.parseInto(words, out, DefaultMaxTokens)
	return out
}

// Options tune Annotate.
type Options struct {
	// MaxTokens caps the tokens parsed as one tree: longer sentences are
	// cut into chunks of at most MaxTokens, each chunk's root attached to
	// the first chunk's root ("parataxis"). Zero means DefaultMaxTokens.
	MaxTokens int
}

// Annotate fills Syntax for every token of every sentence of a, with the
// default options. See AnnotateWith.
func (m *Model) Annotate(a *model.Article) []model.Diagnostic {
	return m.AnnotateWith(a, Options{})
}

// AnnotateWith fills a.Tokens[i].Syntax for every token inside one of
// a.Sentences. Heads index a.Tokens (-1 for a sentence root); every
// sentence gets exactly one root and no cycles. It returns a
// "sentence-capped" warning for each sentence parsed in chunks.
func (m *Model) AnnotateWith(a *model.Article, opts Options) []model.Diagnostic {
	maxTok := opts.MaxTokens
	if maxTok <= 0 {
		maxTok = DefaultMaxTokens
	}
	var diags []model.Diagnostic
	buf := make([]model.Syntax, len(a.Tokens))
	var words []string
	for si, sn := range a.Sentences {
		first, end := sn.FirstToken, sn.EndToken
		if first < 0 || end > len(a.Tokens) || first >= end {
			continue
		}
		words = words[:0]
		for _, t := range a.Tokens[first:end] {
			words = append(words, t.Span.In(a.Text))
		}
		res := buf[first:end]
		if m.parseInto(words, res, maxTok) {
			sp := sn.Span
			diags = append(diags, model.Diagnostic{
				Severity: model.Warning, Stage: "syntax", Code: "sentence-capped", File: a.SourceFile, Span: &sp,
				Message: fmt.Sprintf("sentence %d has %d tokens; parsed in chunks of %d", si, len(words), maxTok),
			})
		}
		for i := range res {
			if res[i].Head >= 0 {
				res[i].Head += first
			}
			a.Tokens[first+i].Syntax = &res[i]
		}
	}
	return diags
}

// parseInto analyses words into out (same length) and reports whether the
// sentence was cut into chunks.
func (m *Model) parseInto(words []string, out []model.Syntax, maxTok int) bool {
	w, _ := m.pool.Get().(*work)
	if w == nil {
		w = &work{}
	}
	defer m.pool.Put(w)
	root := -1
	for a := 0; a < len(words); a += maxTok {
		b := min(a+maxTok, len(words))
		m.parseChunk(w, words[a:b], out[a:b], a)
		for i := a; i < b; i++ {
			if out[i].Head != -1 {
				continue
			}
			if root < 0 {
				root = i
			} else {
				out[i].Head, out[i].Rel = root, "parataxis"
			}
		}
	}
	return len(words) > maxTok
}

// parseChunk analyses one chunk; heads are offset by base.
func (m *Model) parseChunk(w *work, words []string, out []model.Syntax, base int) {
	s := &w.s
	s.reset(words)
	m.tagger.tag(s)
	m.parser.parse(s, &w.c)
	if m.parser.punct >= 0 {
		w.isPunct = grow(w.isPunct, s.n)
		for i := range s.n {
			w.isPunct[i] = m.upos[s.tags[i]] == "PUNCT"
		}
		w.moved = w.pf.fix(s.heads[:s.n], w.isPunct, words, w.moved[:0])
		for _, i := range w.moved {
			s.rels[i] = m.parser.punct
		}
	}
	for i := range words {
		xpos := m.xpos[s.tags[i]]
		h := s.heads[i]
		if h >= s.n {
			h = -1
		} else {
			h += base
		}
		switch words[i] {
		case "“", "‘‘", "``":
			xpos = "``" // the tagger sees both kinds of quotes as '"'
		case "”", "’’", "''":
			xpos = "''"
		}
		out[i] = model.Syntax{
			UPOS: m.upos[s.tags[i]], XPOS: xpos, Lemma: m.lem.lemma(words[i], xpos),
			Head: h, Rel: m.parser.labels[s.rels[i]],
		}
	}
}

// Serialisation: a gzip stream holding a magic line, then sections in a
// fixed order. Maps are written in key order so that the same model always
// gives the same bytes.

const magic = "sitrep-syntax-4\n"

type writer struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (w *writer) uvarint(v uint64) {
	n := binary.PutUvarint(w.buf[:], v)
	w.bytes(w.buf[:n])
}

func (w *writer) bytes(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

func (w *writer) str(s string) {
	w.uvarint(uint64(len(s)))
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

func (w *writer) strs(ss []string) {
	w.uvarint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *writer) intMap(m map[string]int) {
	keys := sortedKeys(m)
	w.uvarint(uint64(len(keys)))
	for _, k := range keys {
		w.str(k)
		w.uvarint(uint64(m[k]))
	}
}

func (w *writer) strMap(m map[string]string) {
	keys := sortedKeys(m)
	w.uvarint(uint64(len(keys)))
	for _, k := range keys {
		w.str(k)
		w.str(m[k])
	}
}

// perceptron writes features in key order: delta-coded keys, pair counts,
// then classes and weights, each column apart (they compress better).
func (w *writer) perceptron(p *perceptron) {
	w.uvarint(uint64(p.nClass))
	w.uvarint(math.Float64bits(p.scale))
	w.uvarint(uint64(p.nFeat))
	var prev uint64
	for _, k := range p.keys {
		w.uvarint(k - prev)
		prev = k
	}
	for f := range p.keys {
		w.uvarint(uint64(len(p.featPairs(f))))
	}
	var b [2]byte
	for f := range p.keys {
		for _, q := range p.featPairs(f) {
			w.bytes([]byte{byte(q.cls)})
		}
	}
	for f := range p.keys {
		for _, q := range p.featPairs(f) {
			binary.LittleEndian.PutUint16(b[:], uint16(q.w))
			w.bytes(b[:])
		}
	}
}

// Write stores m in its binary form (gzip-compressed). The output depends
// only on the model.
func (m *Model) Write(out io.Writer) error {
	zw, err := gzip.NewWriterLevel(out, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := &writer{w: bufio.NewWriter(zw)}
	w.bytes([]byte(magic))
	w.strs(m.tagger.tags)
	w.strs(m.parser.labels)
	w.intMap(m.tagger.dict)
	amb := sortedKeys(m.tagger.amb)
	w.uvarint(uint64(len(amb)))
	for _, k := range amb {
		w.str(k)
		w.uvarint(m.tagger.amb[k])
	}
	cl := make(map[string]int, len(m.tagger.cl))
	for k, v := range m.tagger.cl {
		cl[k] = int(v)
	}
	w.intMap(cl)
	known := make(map[string]int, len(m.lem.known))
	for k := range m.lem.known {
		known[k] = 0
	}
	w.strs(sortedKeys(known))
	table := make(map[string]string, len(m.lem.table))
	for k, v := range m.lem.table {
		table[k.form+"\t"+k.xpos] = v
	}
	w.strMap(table)
	w.perceptron(m.tagger.perc)
	w.perceptron(m.parser.perc)
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return w.err
	}
	return zw.Close()
}

type reader struct {
	b   []byte // what is left to read
	err error
}

var errCorrupt = errors.New("syntax: corrupt model")

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length and checks it against limit.
func (r *reader) count(limit int) int {
	v := r.uvarint()
	if v > uint64(limit) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errCorrupt
	}
}

// take returns the next n bytes, without copying.
func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.fail()
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) full(b []byte) {
	if r.err != nil {
		return
	}
	if len(r.b) < len(b) {
		r.fail()
		return
	}
	copy(b, r.b)
	r.b = r.b[len(b):]
}

func (r *reader) str() string {
	b := make([]byte, r.count(1<<16))
	r.full(b)
	return string(b)
}

func (r *reader) strs() []string {
	out := make([]string, r.count(1<<22))
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *reader) intMap(limit int) map[string]int {
	n := r.count(1 << 22)
	m := make(map[string]int, n)
	for i := 0; i < n && r.err == nil; i++ {
		k := r.str()
		m[k] = r.count(limit - 1)
	}
	return m
}

func (r *reader) strMap() map[string]string {
	n := r.count(1 << 22)
	m := make(map[string]string, n)
	for i := 0; i < n && r.err == nil; i++ {
		k := r.str()
		m[k] = r.str()
	}
	return m
}

func (r *reader) perceptron() *perceptron {
	nClass := r.count(255)
	scale := math.Float64frombits(r.uvarint())
	nf := r.count(1 << 26)
	if r.err != nil {
		return nil
	}
	keys := make([]uint64, nf)
	var prev uint64
	for i := range keys {
		d := r.uvarint()
		if d == 0 && i > 0 {
			r.fail() // keys are distinct and increasing
		}
		prev += d
		keys[i] = prev
	}
	counts := make([]uint32, nf)
	np := 0
	for f := range counts {
		counts[f] = uint32(r.count(255))
		np += int(counts[f])
	}
	if np > maxPairs {
		r.fail()
	}
	if r.err != nil {
		return nil
	}
	raw := r.take(3 * np)
	if r.err != nil {
		return nil
	}
	pairs := make([]pair, np)
	for i := range pairs {
		c := raw[i]
		if int(c) >= nClass {
			r.fail()
			return nil
		}
		pairs[i] = pair{cls: uint16(c), w: int16(binary.LittleEndian.Uint16(raw[np+2*i:]))}
	}
	return buildPerceptron(nClass, scale, keys, counts, pairs)
}

// maxModelBytes bounds the buffer Load reserves from a gzip trailer.
const maxModelBytes = 1 << 30

// Load reads a model written by Write.
func Load(in io.Reader) (*Model, error) {
	var gz []byte
	var err error
	if sized, ok := in.(interface{ Len() int }); ok {
		// A bytes.Reader or the like: one buffer of the right size.
		gz = make([]byte, sized.Len())
		_, err = io.ReadFull(in, gz)
	} else {
		gz, err = io.ReadAll(in)
	}
	if err != nil {
		return nil, fmt.Errorf("syntax: reading model: %w", err)
	}
	return loadGzip(gz)
}

// loadGzip reads a model from the bytes of its file.
func loadGzip(gz []byte) (*Model, error) {
	zr, err := kgzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	defer zr.Close()
	// The gzip trailer holds the data's length (modulo 2^32): read into a
	// buffer of that size at once rather than growing one.
	var raw []byte
	if size := binary.LittleEndian.Uint32(gz[len(gz)-4:]); size <= maxModelBytes {
		raw = make([]byte, size)
		if _, err := io.ReadFull(zr, raw); err != nil {
			return nil, fmt.Errorf("syntax: reading model: %w", err)
		}
		var one [1]byte
		if n, _ := zr.Read(one[:]); n != 0 {
			return nil, errCorrupt
		}
	} else if raw, err = io.ReadAll(zr); err != nil {
		return nil, fmt.Errorf("syntax: reading model: %w", err)
	}
	r := &reader{b: raw}
	head := make([]byte, len(magic))
	r.full(head)
	if r.err == nil && string(head) != magic {
		return nil, errCorrupt
	}
	tags := r.strs()
	labels := r.strs()
	dict := r.intMap(len(tags))
	amb := map[string]uint64{}
	for i, n := 0, r.count(1<<22); i < n && r.err == nil; i++ {
		k := r.str()
		amb[k] = r.uvarint()
	}
	cl := map[string]uint16{}
	for k, v := range r.intMap(1 << 16) {
		cl[k] = uint16(v)
	}
	known := map[string]bool{}
	for _, k := range r.strs() {
		known[k] = true
	}
	table := map[lemmaKey]string{}
	for k, v := range r.strMap() {
		form, xpos, _ := strings.Cut(k, "\t")
		table[lemmaKey{form, xpos}] = v
	}
	tp := r.perceptron()
	pp := r.perceptron()
	if r.err != nil {
		return nil, fmt.Errorf("syntax: reading model: %w", r.err)
	}
	if len(tags) == 0 || len(labels) == 0 || len(labels) > 64 ||
		tp.nClass != len(tags) || pp.nClass != 1+2*len(labels) {
		return nil, errCorrupt
	}
	p := &parser{labels: labels, root: -1, perc: pp}
	for i, l := range labels {
		if l == "root" {
			p.root = i
		}
	}
	if p.root < 0 {
		return nil, errCorrupt
	}
	return newModel(&tagger{tags: tags, dict: dict, amb: amb, cl: cl, perc: tp}, p, &lemmatizer{known: known, table: table}), nil
}
