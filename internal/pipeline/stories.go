package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/stories"
)

// Story placement is cross-document work, so it runs in the coordinator
// goroutine, in ingest order, after each batch is committed: the story
// index sees every stored article exactly once and in the same order on
// every run. The keeper writes the stories that changed, the copy links and
// the merged events of the event clusters that changed at most every
// storyFlushEvery and at the end of the run, and the index state (larger) at
// most every indexSaveEvery and at the end. After a crash the next run
// loads the last saved state and places the stored articles it lacks
// before any new one, so no article is left out of the stories.

const (
	storyFlushEvery = 3 * time.Second
	indexSaveEvery  = 60 * time.Second
)

// reportInfo is what the keeper remembers of one event for merging.
type reportInfo struct {
	ev                  stories.Event
	cameo, root, plover string
	goldstein           float64
	quad                int
}

// storyKeeper owns the story index during an ingest.
type storyKeeper struct {
	st   store.Store
	idx  *stories.Index
	seed maphash.Seed
	// written maps each stored story ID to the hash of its stored record;
	// merged maps each event cluster to the merged event IDs stored for it.
	written map[string]uint64
	merged  map[string][]string
	// reports caches each placed article's codable events; outlets and
	// originals feed corroboration.
	reports   map[string][]reportInfo
	seen      map[string]bool
	placed    int
	links     []model.DuplicateLink
	dirty     bool
	lastFlush time.Time
	lastSave  time.Time
}

// newStoryKeeper loads the index state of st (or starts a new index) and
// places the stored articles the state lacks.
func newStoryKeeper(ctx context.Context, st store.Store) (*storyKeeper, error) {
	k := &storyKeeper{st: st, seed: maphash.MakeSeed(), written: map[string]uint64{}, merged: map[string][]string{},
		reports: map[string][]reportInfo{}, seen: map[string]bool{}, lastFlush: time.Now(), lastSave: time.Now()}
	state, err := st.StoryIndex(ctx)
	if err != nil {
		return nil, err
	}
	if state != nil {
		if k.idx, err = stories.Load(bytes.NewReader(state)); err != nil {
			return nil, fmt.Errorf("pipeline: stored story index: %w", err)
		}
	} else {
		k.idx = stories.NewIndex(stories.Options{})
	}
	sts, err := st.Stories(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range sts {
		k.written[s.ID] = k.hash(s)
	}
	ms, err := st.MergedEvents(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		k.merged[m.Story] = append(k.merged[m.Story], m.ID)
	}
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := k.idx.Lookup(id); ok {
			continue
		}
		a, err := st.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		k.place(a)
	}
	return k, nil
}

// place puts one stored article into the index.
func (k *storyKeeper) place(a *model.Article) {
	p := k.idx.Place(a)
	if p.Known {
		return
	}
	k.dirty = true
	k.placed++
	if p.DuplicateOf != "" {
		k.links = append(k.links, model.DuplicateLink{Article: a.ID, Original: p.DuplicateOf, Similarity: p.Similarity})
	}
	k.remember(a, p.DuplicateOf)
}

// remember caches the codable events of a for merging.
func (k *storyKeeper) remember(a *model.Article, original string) {
	k.seen[a.ID] = true
	var rs []reportInfo
	for _, e := range a.Events {
		if e.Source.Code == "" || e.Target.Code == "" {
			continue
		}
		typ := e.PLOVER
		if typ == "" {
			typ = e.Root
		}
		rs = append(rs, reportInfo{
			ev: stories.Event{ID: e.ID, Article: a.ID, Outlet: a.Outlet, Original: original,
				Source: e.Source.Code, Target: e.Target.Code, Type: typ,
				SourceDetail: e.Source.Sector, TargetDetail: e.Target.Sector,
				Date: e.Date, Negated: e.Negated, Evidence: e.Span},
			cameo: e.CAMEO, root: e.Root, plover: e.PLOVER, goldstein: e.Goldstein, quad: e.Quad,
		})
	}
	if rs != nil {
		k.reports[a.ID] = rs
	}
}

// added is called with each committed batch's new articles.
func (k *storyKeeper) added(ctx context.Context, arts []*model.Article) error {
	for _, a := range arts {
		k.place(a)
	}
	if time.Since(k.lastFlush) < storyFlushEvery {
		return nil
	}
	return k.flush(ctx, time.Since(k.lastSave) >= indexSaveEvery)
}

// flush writes what changed since the last flush, and the index state
// when saveIndex is set.
func (k *storyKeeper) flush(ctx context.Context, saveIndex bool) error {
	k.lastFlush = time.Now()
	if !k.dirty && !saveIndex {
		return nil
	}
	var u store.StoryUpdate
	current := map[string]bool{}
	for _, s := range k.idx.Stories() {
		ms := model.Story{ID: s.ID, Level: s.Level, Title: s.Title, Articles: s.Articles}
		if s.Parent != nil {
			ms.Parent = *s.Parent
		}
		if s.First != nil {
			ms.First = *s.First
		}
		if s.Last != nil {
			ms.Last = *s.Last
		}
		current[ms.ID] = true
		h := k.hash(ms)
		if old, ok := k.written[ms.ID]; ok && old == h {
			continue
		}
		k.written[ms.ID] = h
		u.Stories = append(u.Stories, ms)
		if ms.Level == "event" {
			merged, err := k.merge(ctx, ms)
			if err != nil {
				return err
			}
			newIDs := make([]string, len(merged))
			for i, m := range merged {
				newIDs[i] = m.ID
			}
			for _, old := range k.merged[ms.ID] {
				if !slices.Contains(newIDs, old) {
					u.DeletedMerged = append(u.DeletedMerged, old)
				}
			}
			k.merged[ms.ID] = newIDs
			u.Merged = append(u.Merged, merged...)
		}
	}
	for id := range k.written {
		if !current[id] {
			u.Deleted = append(u.Deleted, id)
			delete(k.written, id)
			u.DeletedMerged = append(u.DeletedMerged, k.merged[id]...)
			delete(k.merged, id)
		}
	}
	slices.Sort(u.Deleted)
	u.Links = k.links
	if saveIndex {
		var b bytes.Buffer
		if err := k.idx.Save(&b); err != nil {
			return fmt.Errorf("pipeline: saving the story index: %w", err)
		}
		u.Index = b.Bytes()
		k.lastSave = time.Now()
	}
	if err := k.st.PutStories(ctx, u); err != nil {
		return fmt.Errorf("pipeline: storing stories: %w", err)
	}
	k.links = nil
	k.dirty = false
	return nil
}

// merge merges the events reported by the articles of event cluster s.
func (k *storyKeeper) merge(ctx context.Context, s model.Story) ([]model.MergedEvent, error) {
	var evs []stories.Event
	info := map[string]reportInfo{}
	for _, id := range s.Articles {
		if !k.seen[id] {
			// Placed by an earlier run: read its events back.
			a, err := k.st.Article(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("pipeline: merging events of story %s: %w", s.ID, err)
			}
			p, _ := k.idx.Lookup(id)
			k.remember(a, p.DuplicateOf)
		}
		for _, r := range k.reports[id] {
			r.ev.Story = s.ID
			evs = append(evs, r.ev)
			info[r.ev.ID] = r
		}
	}
	if len(evs) == 0 {
		return nil, nil
	}
	out := make([]model.MergedEvent, 0, len(evs))
	for _, m := range stories.Merge(evs, stories.MergeOptions{}) {
		first := info[m.Evidence[0].Event]
		me := model.MergedEvent{ID: m.ID, Story: m.Story, Source: m.Source, Target: m.Target,
			CAMEO: first.cameo, Root: first.root, PLOVER: first.plover, Goldstein: first.goldstein, Quad: first.quad,
			Date: m.Date, Negated: m.Negated, Articles: m.Articles, Corroboration: m.Corroboration}
		for _, e := range m.Evidence {
			me.Reports = append(me.Reports, model.EventRef{Article: e.Article, Event: e.Event, Span: e.Span})
		}
		for _, d := range m.Disagreements {
			md := model.Disagreement{Field: d.Field}
			for _, v := range d.Variants {
				md.Variants = append(md.Variants, model.Variant{Value: v.Value, Articles: v.Articles})
			}
			me.Disagreements = append(me.Disagreements, md)
		}
		out = append(out, me)
	}
	return out, nil
}

// hash fingerprints a story record to find the ones that changed.
func (k *storyKeeper) hash(s model.Story) uint64 {
	var h maphash.Hash
	h.SetSeed(k.seed)
	for _, f := range []string{s.ID, s.Level, s.Parent, s.Title, s.First, s.Last} {
		h.WriteString(f)
		h.WriteByte(0)
	}
	for _, a := range s.Articles {
		h.WriteString(a)
		h.WriteByte(1)
	}
	return h.Sum64()
}

// UpdateStories places every stored article that the stored story index
// lacks, in ingest order, and stores the resulting stories, copy links,
// merged events and index state. Ingest does this as it goes; UpdateStories
// is for stores filled by other means (workers that run with NoStories, so
// that one process alone does the cross-article work). Only one
// UpdateStories or Ingest may write stories to a store at a time.
func UpdateStories(ctx context.Context, st store.Store) (placed int, err error) {
	k, err := newStoryKeeper(ctx, st)
	if err != nil {
		return 0, err
	}
	return k.placed, k.flush(ctx, true)
}
