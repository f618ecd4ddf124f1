package alignments

import (
	"context"
	"fmt"
	"strings"

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
	var in Input
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
	c := NewCollector(f)
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return in, err
		}
		c.Add(a)
	}
	merged, err := st.MergedEvents(ctx, "")
	if err != nil {
		return in, err
	}
	return c.Input(merged), nil
}

// Collector builds an Input one article at a time, so that a caller that
// reads every article anyway (the JSONL export) need not read them a
// second time. Add the articles, then call Input with the merged events.
// Story selection is the caller's: Add applies only the date window.
type Collector struct {
	filter Filter
	in     Input
	order  []string
	events map[string][]model.Event
}

// NewCollector returns an empty collector for the window of f.
func NewCollector(f Filter) *Collector {
	return &Collector{filter: f, in: Input{Texts: map[string]string{}}, events: map[string][]model.Event{}}
}

// Add takes one article: its sentences, mentions and quotes (for the
// stance and relation rules) and its events, unless it was published
// outside the window (undated articles are kept) or was added before.
func (c *Collector) Add(a *model.Article) {
	if a.Published != "" && !inWindow(a.Published, c.filter.From, c.filter.To) {
		return
	}
	if _, dup := c.events[a.ID]; dup {
		return
	}
	c.order = append(c.order, a.ID)
	c.events[a.ID] = a.Events
	kept := false
	for _, s := range ArticleSentences(a) {
		if MayMatter(s) {
			c.in.Sentences = append(c.in.Sentences, s)
			kept = true
		}
	}
	if kept {
		c.in.Texts[a.ID] = a.Text
	}
}

// MayMatter reports whether the stance and relation rules could read
// anything in s: it holds an initiative head (every such sentence counts
// as a mention of its initiative), or it names or quotes an actor and
// holds a stance cue, a relation or membership noun or an "X-led" form. The
// Collector keeps only such sentences (and the texts of their articles),
// so that a whole-store analysis holds a small part of the store in
// memory; dropping the others changes no result, because every rule
// starts from one of these words in its own sentence.
func MayMatter(s Sentence) bool {
	actors := len(s.Mentions) > 0 || len(s.Quotes) > 0
	for _, t := range s.Tokens {
		w := strings.ToLower(t.Text)
		if _, ok := strongHeads[w]; ok || weakHeads[w] {
			return true // counted as a reference to its initiative
		}
		if !actors {
			continue
		}
		if _, ok := cueForms[w]; ok {
			return true
		}
		if targetCues[w] || memberWords[w] || relationNoun(w) != "" || strings.HasSuffix(w, "led") {
			return true
		}
	}
	return false
}

// Input returns the collected input. A merged event (with its
// corroboration) stands for the article events it merges among the added
// articles; article events not merged count once each, in the order the
// articles were added.
func (c *Collector) Input(merged []model.MergedEvent) Input {
	in := c.in
	covered := map[string]bool{}
	for _, m := range merged {
		var evs []model.Event
		var ev []Evidence
		for _, r := range m.Reports {
			aevs, ok := c.events[r.Article]
			if !ok {
				continue
			}
			ev = append(ev, Evidence{Article: r.Article, Start: r.Span.Start, End: r.Span.End})
			for _, e := range aevs {
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
	for _, id := range c.order {
		for _, e := range c.events[id] {
			if covered[e.ID] || e.Source.Code == "" || e.Target.Code == "" {
				continue
			}
			in.Events = append(in.Events, Event{ID: e.ID, Source: e.Source.Code, Target: e.Target.Code,
				Date: e.Date, Goldstein: e.Goldstein, PLOVER: e.PLOVER, Quad: e.Quad, Trigger: e.Trigger, Negated: e.Negated,
				Modality: e.Modality, Corroboration: 1,
				Evidence: []Evidence{{Article: id, Start: e.Span.Start, End: e.Span.End}}})
		}
	}
	return in
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
