package stories

import (
	"bufio"
	"compress/gzip"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
)

// snapshotVersion changes whenever the saved layout does. Version 3 was
// one gob message of the whole snapshot, uncompressed; Load still reads it.
const snapshotVersion = 4

// saveChunk is the number of items (articles, clusters, terms, postings
// lists, buckets) in one gob message of a saved index.
var saveChunk = 4096

// snapshot is the saved state of an Index: everything, so that a restored
// index places the next articles exactly as the saved one would have.
type snapshot struct {
	Version   int
	Options   Options
	Terms     []string
	DF        []int32
	Docs      int
	Articles  []articleRec
	Events    []*cluster
	Lines     []*cluster
	EventPost postings
	LinePost  postings
	Buckets   map[uint64]bucket
}

// snapshotHeader opens a saved index (version 4 on): the scalars and the
// number of items of each part, whose chunks follow in this order.
type snapshotHeader struct {
	Version                        int
	Options                        Options
	Docs                           int
	Terms, Articles, Events, Lines int
	EventPost, LinePost, Buckets   int
}

// mapEntry is one map entry of a saved chunk.
type mapEntry[K comparable, V any] struct {
	K K
	V V
}

// Save writes the index to w: a gzip stream of gob messages, a header and
// then each part in chunks of saveChunk items, so that saving a large
// index holds one chunk's encoding in memory besides the compressed
// output (a single gob message of everything would be the size of the
// index again, on top of it). The index is unchanged and can go on placing
// articles.
func (x *Index) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	enc := gob.NewEncoder(zw)
	h := snapshotHeader{Version: snapshotVersion, Options: x.opts, Docs: x.docs, Terms: len(x.terms),
		Articles: len(x.arts), Events: len(x.events), Lines: len(x.lines),
		EventPost: len(x.evPost), LinePost: len(x.linePost), Buckets: len(x.buckets)}
	if err := enc.Encode(h); err != nil {
		return err
	}
	for i := 0; i < len(x.terms); i += saveChunk {
		j := min(i+saveChunk, len(x.terms))
		if err := enc.Encode(x.terms[i:j]); err != nil {
			return err
		}
		if err := enc.Encode(x.df[i:j]); err != nil {
			return err
		}
	}
	if err := saveSlice(enc, x.arts); err != nil {
		return err
	}
	if err := saveSlice(enc, x.events); err != nil {
		return err
	}
	if err := saveSlice(enc, x.lines); err != nil {
		return err
	}
	if err := saveMap(enc, x.evPost); err != nil {
		return err
	}
	if err := saveMap(enc, x.linePost); err != nil {
		return err
	}
	if err := saveMap(enc, x.buckets); err != nil {
		return err
	}
	return zw.Close()
}

// saveSlice encodes s in chunks of saveChunk items.
func saveSlice[T any](enc *gob.Encoder, s []T) error {
	for i := 0; i < len(s); i += saveChunk {
		if err := enc.Encode(s[i:min(i+saveChunk, len(s))]); err != nil {
			return err
		}
	}
	return nil
}

// saveMap encodes m's entries in chunks of saveChunk.
func saveMap[K comparable, V any](enc *gob.Encoder, m map[K]V) error {
	chunk := make([]mapEntry[K, V], 0, min(len(m), saveChunk))
	for k, v := range m {
		chunk = append(chunk, mapEntry[K, V]{k, v})
		if len(chunk) == saveChunk {
			if err := enc.Encode(chunk); err != nil {
				return err
			}
			chunk = chunk[:0]
		}
	}
	if len(chunk) > 0 {
		return enc.Encode(chunk)
	}
	return nil
}

// loadMap decodes n entries saved by saveMap.
func loadMap[K comparable, V any](dec *gob.Decoder, n int) (map[K]V, error) {
	m := make(map[K]V, min(n, 1<<16))
	for len(m) < n {
		var c []mapEntry[K, V]
		if err := dec.Decode(&c); err != nil {
			return nil, err
		}
		if len(c) == 0 {
			return nil, errors.New("empty chunk")
		}
		for _, e := range c {
			if _, dup := m[e.K]; dup {
				return nil, errors.New("map entry twice")
			}
			m[e.K] = e.V
		}
		if len(m) > n {
			return nil, errors.New("chunk does not match the header")
		}
	}
	return m, nil
}

// loadSlice decodes n items saved by saveSlice.
func loadSlice[T any](dec *gob.Decoder, n int) ([]T, error) {
	out := make([]T, 0, min(n, 1<<16))
	for len(out) < n {
		var c []T
		if err := dec.Decode(&c); err != nil {
			return nil, err
		}
		if len(c) == 0 || len(out)+len(c) > n {
			return nil, errors.New("chunk does not match the header")
		}
		out = append(out, c...)
	}
	return out, nil
}

// Load reads an index written by Save (or by version 3's Save). A
// snapshot that does not hold together (truncated, corrupt, another
// version) is an error, never a later panic.
func Load(r io.Reader) (*Index, error) {
	br := bufio.NewReader(r)
	var s snapshot
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("stories: reading snapshot: %w", err)
		}
		if s, err = loadChunked(gob.NewDecoder(zr)); err != nil {
			return nil, fmt.Errorf("stories: reading snapshot: %w", err)
		}
		// Read to the end, where gzip checks its length and checksum: a
		// cut or damaged stream is an error even when gob got its fill.
		if n, err := io.Copy(io.Discard, zr); err != nil || n != 0 {
			return nil, fmt.Errorf("stories: reading snapshot: trailing data or %v", err)
		}
	} else {
		if err := gob.NewDecoder(br).Decode(&s); err != nil {
			return nil, fmt.Errorf("stories: reading snapshot: %w", err)
		}
		if s.Version != 3 {
			return nil, fmt.Errorf("stories: snapshot version %d, want %d", s.Version, snapshotVersion)
		}
	}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("stories: bad snapshot: %w", err)
	}
	x := NewIndex(s.Options)
	x.terms, x.df, x.docs = s.Terms, s.DF, s.Docs
	for i, t := range s.Terms {
		x.vocab[t] = int32(i)
	}
	x.arts, x.events, x.lines = s.Articles, s.Events, s.Lines
	for i, a := range x.arts {
		x.byID[a.ID] = int32(i)
	}
	if s.EventPost != nil {
		x.evPost = s.EventPost
	}
	if s.LinePost != nil {
		x.linePost = s.LinePost
	}
	if s.Buckets != nil {
		x.buckets = s.Buckets
	}
	return x, nil
}

// loadChunked decodes the header and chunks Save writes.
func loadChunked(dec *gob.Decoder) (snapshot, error) {
	var s snapshot
	var h snapshotHeader
	if err := dec.Decode(&h); err != nil {
		return s, err
	}
	if h.Version != snapshotVersion {
		return s, fmt.Errorf("snapshot version %d, want %d", h.Version, snapshotVersion)
	}
	if h.Terms < 0 || h.Articles < 0 || h.Events < 0 || h.Lines < 0 || h.EventPost < 0 || h.LinePost < 0 || h.Buckets < 0 {
		return s, errors.New("negative count")
	}
	s.Version, s.Options, s.Docs = h.Version, h.Options, h.Docs
	for len(s.Terms) < h.Terms {
		var t []string
		var df []int32
		if err := dec.Decode(&t); err != nil {
			return s, err
		}
		if err := dec.Decode(&df); err != nil {
			return s, err
		}
		if len(t) == 0 || len(t) != len(df) || len(s.Terms)+len(t) > h.Terms {
			return s, errors.New("term chunk does not match the header")
		}
		s.Terms, s.DF = append(s.Terms, t...), append(s.DF, df...)
	}
	var err error
	if s.Articles, err = loadSlice[articleRec](dec, h.Articles); err != nil {
		return s, err
	}
	if s.Events, err = loadSlice[*cluster](dec, h.Events); err != nil {
		return s, err
	}
	if s.Lines, err = loadSlice[*cluster](dec, h.Lines); err != nil {
		return s, err
	}
	if s.EventPost, err = loadMap[int32, []posting](dec, h.EventPost); err != nil {
		return s, err
	}
	if s.LinePost, err = loadMap[int32, []posting](dec, h.LinePost); err != nil {
		return s, err
	}
	if s.Buckets, err = loadMap[uint64, bucket](dec, h.Buckets); err != nil {
		return s, err
	}
	return s, nil
}

// check verifies that every index in s points where it may.
func (s *snapshot) check() error {
	nt, na, ne, nl := int32(len(s.Terms)), int32(len(s.Articles)), int32(len(s.Events)), int32(len(s.Lines))
	if len(s.DF) != len(s.Terms) {
		return errors.New("document frequencies do not match terms")
	}
	if s.Docs < 0 {
		return errors.New("negative document count")
	}
	vecOK := func(v vec) bool {
		if len(v.Terms) != len(v.Weights) {
			return false
		}
		for i, t := range v.Terms {
			if t < 0 || t >= nt || (i > 0 && t <= v.Terms[i-1]) {
				return false
			}
		}
		return true
	}
	seen := map[string]bool{}
	for i, a := range s.Articles {
		if seen[a.ID] {
			return fmt.Errorf("article %s twice", a.ID)
		}
		seen[a.ID] = true
		if a.Event < 0 || a.Event >= ne || a.DupOf < -1 || a.DupOf >= int32(i) {
			return fmt.Errorf("article %d: bad cluster or original", i)
		}
		if (a.Sig != nil && len(a.Sig) != numHashes) || !vecOK(a.Vec) || !vecOK(a.Theme) {
			return fmt.Errorf("article %d: bad signature or vector", i)
		}
	}
	clusters := func(cs []*cluster, n int32, parents int32) error {
		for i, c := range cs {
			if c == nil || !vecOK(c.Centroid) || c.Alias >= int32(i) || c.Alias < -1 {
				return fmt.Errorf("cluster %d: bad centroid or merge", i)
			}
			if parents >= 0 && (c.Parent < 0 || c.Parent >= parents) {
				return fmt.Errorf("cluster %d: bad parent", i)
			}
			for _, a := range c.Articles {
				if a < 0 || a >= na {
					return fmt.Errorf("cluster %d: bad article", i)
				}
			}
			for _, e := range c.Children {
				if e < 0 || e >= ne {
					return fmt.Errorf("cluster %d: bad child", i)
				}
			}
		}
		return nil
	}
	if err := clusters(s.Events, ne, nl); err != nil {
		return err
	}
	if err := clusters(s.Lines, nl, -1); err != nil {
		return err
	}
	for i, a := range s.Articles {
		if s.Events[a.Event].Alias >= 0 {
			return fmt.Errorf("article %d in a merged cluster", i)
		}
	}
	posts := func(m postings, n int32) error {
		for t, p := range m {
			if t < 0 || t >= nt {
				return errors.New("postings of an unknown term")
			}
			for _, e := range p {
				if e.C < 0 || e.C >= n {
					return errors.New("postings name an unknown cluster")
				}
			}
		}
		return nil
	}
	if err := posts(s.EventPost, ne); err != nil {
		return err
	}
	if err := posts(s.LinePost, nl); err != nil {
		return err
	}
	for _, b := range s.Buckets {
		for _, a := range b {
			if a < 0 || a > na {
				return errors.New("bucket names an unknown article")
			}
		}
	}
	return nil
}
