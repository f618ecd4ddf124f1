package alignments

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// Filter selects what Load reads: articles published in [From, To]
// (YYYY-MM-DD, inclusive, "" open; undated articles are kept), and, when
// Story is set, only the articles of that story (an event cluster or a
// storyline).
type Filter struct {
	From, To string
	Story    string
}

// Load reads the input of the analysis from a store (any backend): the
// sentences, mentions and quotes of the selected articles, their events
// and the merged events of their stories. A merged event (with its
// corroboration) stands for the article events it merges; article events
// not merged (stores without stories) count once each. Events outside the
// window are kept here and filtered by Analyze, which also decays them.
func Load(ctx context.Context, st store.Store, f Filter) (Input, error) {
	in := Input{Texts: map[string]string{}}
	var ids []string
	if f.Story != "" {
		s, err := st.Story(ctx, f.Story)
		if err != nil {
			return in, fmt.Errorf("story %s: %w", f.Story, err)
		}
		ids = s.Articles
	} else {
		var err error
		if ids, err = st.ArticleIDs(ctx); err != nil {
			return in, err
		}
	}
	arts := map[string]*model.Article{}
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return in, err
		}
		if a.Published != "" && !inWindow(a.Published, f.From, f.To) {
			continue
		}
		arts[id] = a
		in.Texts[id] = a.Text
		in.Sentences = append(in.Sentences, ArticleSentences(a)...)
	}
	merged, err := st.MergedEvents(ctx, "")
	if err != nil {
		return in, err
	}
	covered := map[string]bool{}
	for _, m := range merged {
		var evs []model.Event
		var ev []Evidence
		for _, r := range m.Reports {
			a := arts[r.Article]
			if a == nil {
				continue
			}
			ev = append(ev, Evidence{Article: r.Article, Start: r.Span.Start, End: r.Span.End})
			for _, e := range a.Events {
				if e.ID == r.Event {
					evs = append(evs, e)
				}
			}
			covered[r.Event] = true
		}
		if len(ev) == 0 || m.Source == "" || m.Target == "" {
			continue
		}
		e := Event{ID: m.ID, Source: m.Source, Target: m.Target, Date: m.Date, Goldstein: m.Goldstein,
			PLOVER: m.PLOVER, Quad: m.Quad, Negated: m.Negated, Corroboration: m.Corroboration, Evidence: ev}
		if len(evs) > 0 {
			e.Trigger, e.Modality = evs[0].Trigger, evs[0].Modality
		}
		in.Events = append(in.Events, e)
	}
	for _, id := range ids {
		a := arts[id]
		if a == nil {
			continue
		}
		for _, e := range a.Events {
			if covered[e.ID] || e.Source.Code == "" || e.Target.Code == "" {
				continue
			}
			in.Events = append(in.Events, Event{ID: e.ID, Source: e.Source.Code, Target: e.Target.Code,
				Date: e.Date, Goldstein: e.Goldstein, PLOVER: e.PLOVER, Quad: e.Quad, Trigger: e.Trigger, Negated: e.Negated,
				Modality: e.Modality, Corroboration: 1,
				Evidence: []Evidence{{Article: id, Start: e.Span.Start, End: e.Span.End}}})
		}
	}
	return in, nil
}

// ArticleSentences converts an article's sentences, tokens, mentions and
// quotes into the stance rules' input.
func ArticleSentences(a *model.Article) []Sentence {
	out := make([]Sentence, 0, len(a.Sentences))
	for i, s := range a.Sentences {
		x := Sentence{Article: a.ID, Date: a.Published, Start: s.Span.Start, End: s.Span.End}
		for _, t := range a.SentenceTokens(i) {
			x.Tokens = append(x.Tokens, Token{Start: t.Span.Start, End: t.Span.End, Text: a.Text[t.Span.Start:t.Span.End]})
		}
		for _, m := range a.Mentions {
			if m.Span.Start >= s.Span.Start && m.Span.End <= s.Span.End {
				x.Mentions = append(x.Mentions, Mention{Start: m.Span.Start, End: m.Span.End, Text: m.Text, Actor: m.Actor, Person: m.Person})
			}
		}
		for _, q := range a.Quotes {
			if q.Speaker == nil || q.Span.End <= s.Span.Start || q.Span.Start >= s.Span.End {
				continue
			}
			x.Quotes = append(x.Quotes, Quote{Start: q.Span.Start, End: q.Span.End, Actor: q.Speaker.Actor, Person: q.Speaker.Name})
		}
		out = append(out, x)
	}
	return out
}
