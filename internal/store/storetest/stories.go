package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

func storyFixture() store.StoryUpdate {
	return store.StoryUpdate{
		Stories: []model.Story{
			{ID: "s1", Level: "storyline", Title: "Border talks", First: "2024-03-01", Last: "2024-03-09", Articles: []string{"a1", "a2", "a3"}},
			{ID: "e1", Level: "event", Parent: "s1", Title: "Envoys meet", First: "2024-03-01", Last: "2024-03-02", Articles: []string{"a1", "a2"}},
			{ID: "e2", Level: "event", Parent: "s1", Title: "Talks stall — “again”", First: "2024-03-09", Last: "2024-03-09", Articles: []string{"a3"}},
		},
		Links: []model.DuplicateLink{{Article: "a2", Original: "a1", Similarity: 0.93}},
		Merged: []model.MergedEvent{
			{ID: "m1", Story: "e1", Source: "UKR", Target: "TUR", CAMEO: "036", Root: "03", PLOVER: "CONSULT", Goldstein: 4, Quad: 1,
				Date: "2024-03-01", Articles: []string{"a1", "a2"}, Corroboration: 1,
				Reports:       []model.EventRef{{Article: "a1", Event: "a1-e1", Span: model.Span{Start: 0, End: 40}}, {Article: "a2", Event: "a2-e3", Span: model.Span{Start: 5, End: 51}}},
				Disagreements: []model.Disagreement{{Field: "date", Variants: []model.Variant{{Value: "2024-03-01", Articles: []string{"a1"}}, {Value: "2024-03-02", Articles: []string{"a2"}}}}}},
			{ID: "m0", Story: "e2", Source: "TUR", Target: "UKR", CAMEO: "125", Root: "12", PLOVER: "REJECT", Goldstein: -4, Quad: 3, Negated: true,
				Articles: []string{"a3"}, Reports: []model.EventRef{{Article: "a3", Event: "a3-e1", Span: model.Span{Start: 9, End: 20}}}, Corroboration: 1},
		},
		Index: []byte{0, 1, 2, 255},
	}
}

func testStories(t *testing.T, open Opener) {
	s, closeStore := openStore(t, open)
	ctx := context.Background()
	if idx, err := s.StoryIndex(ctx); err != nil || idx != nil {
		t.Errorf("StoryIndex of an empty store = %v, %v; want nil, nil", idx, err)
	}
	if _, err := s.Story(ctx, "s1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story of an empty store: %v, want ErrNotFound", err)
	}
	u := storyFixture()
	if err := s.PutStories(ctx, u); err != nil {
		t.Fatal(err)
	}
	want := storyFixture()
	check := func(when string, wantStories []model.Story, wantMerged []model.MergedEvent) {
		t.Helper()
		got, err := s.Stories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, wantStories) {
			t.Errorf("%s: Stories =\n%+v\nwant\n%+v", when, got, wantStories)
		}
		for _, w := range wantStories {
			one, err := s.Story(ctx, w.ID)
			if err != nil || !reflect.DeepEqual(*one, w) {
				t.Errorf("%s: Story(%s) = %+v, %v", when, w.ID, one, err)
			}
		}
		all, err := s.MergedEvents(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(all, wantMerged) {
			t.Errorf("%s: MergedEvents =\n%+v\nwant\n%+v", when, all, wantMerged)
		}
	}
	// Merged events come ordered by date: the undated m0 first.
	check("first put", want.Stories, []model.MergedEvent{want.Merged[1], want.Merged[0]})
	if got, err := s.MergedEvents(ctx, "e1"); err != nil || len(got) != 1 || got[0].ID != "m1" {
		t.Errorf("MergedEvents(e1) = %+v, %v", got, err)
	}
	if got, err := s.MergedEvents(ctx, "nope"); err != nil || len(got) != 0 {
		t.Errorf("MergedEvents(nope) = %+v, %v", got, err)
	}
	if got, err := s.DuplicateLinks(ctx); err != nil || !reflect.DeepEqual(got, want.Links) {
		t.Errorf("DuplicateLinks = %+v, %v", got, err)
	}
	if idx, err := s.StoryIndex(ctx); err != nil || !reflect.DeepEqual(idx, want.Index) {
		t.Errorf("StoryIndex = %v, %v", idx, err)
	}
	if st := stats(t, s); st.Stories != 3 || st.Merged != 2 {
		t.Errorf("Stats = %+v, want 3 stories and 2 merged events", st)
	}

	// An update: e2 absorbed into e1, which gains a3; m0 dropped; the
	// index state unchanged (nil).
	e1 := want.Stories[1]
	e1.Articles = []string{"a1", "a2", "a3"}
	e1.Last = "2024-03-09"
	if err := s.PutStories(ctx, store.StoryUpdate{Stories: []model.Story{e1}, Deleted: []string{"e2"}, DeletedMerged: []string{"m0"}}); err != nil {
		t.Fatal(err)
	}
	check("update", []model.Story{want.Stories[0], e1}, []model.MergedEvent{want.Merged[0]})
	if idx, _ := s.StoryIndex(ctx); !reflect.DeepEqual(idx, want.Index) {
		t.Errorf("a nil Index replaced the stored state: %v", idx)
	}

	// A bad update changes nothing.
	bad := store.StoryUpdate{Stories: []model.Story{{ID: "s9", Level: "storyline", Articles: []string{"a9"}}, {ID: "", Level: "event"}}, Deleted: []string{"s1"}}
	if err := s.PutStories(ctx, bad); err == nil {
		t.Error("an update with an empty story ID was accepted")
	}
	check("failed update", []model.Story{want.Stories[0], e1}, []model.MergedEvent{want.Merged[0]})

	closeStore()
	s, _ = openStore(t, open)
	if got, err := s.Stories(ctx); err != nil || len(got) != 2 {
		t.Errorf("after reopen: %d stories, %v", len(got), err)
	}
}
