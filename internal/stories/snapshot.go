package stories

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
)

// snapshotVersion changes whenever the saved layout does.
const snapshotVersion = 3

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

// Save writes the index to w (gob). The index is unchanged and can go on
// placing articles.
func (x *Index) Save(w io.Writer) error {
	return gob.NewEncoder(w).Encode(snapshot{
		Version: snapshotVersion, Options: x.opts, Terms: x.terms, DF: x.df, Docs: x.docs,
		Articles: x.arts, Events: x.events, Lines: x.lines,
		EventPost: x.evPost, LinePost: x.linePost, Buckets: x.buckets,
	})
}

// Load reads an index written by Save. A snapshot that does not hold
// together (truncated, corrupt, another version) is an error, never a
// later panic.
func Load(r io.Reader) (*Index, error) {
	var s snapshot
	if err := gob.NewDecoder(r).Decode(&s); err != nil {
		return nil, fmt.Errorf("stories: reading snapshot: %w", err)
	}
	if s.Version != snapshotVersion {
		return nil, fmt.Errorf("stories: snapshot version %d, want %d", s.Version, snapshotVersion)
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
