package report

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// writeStories lists each storyline with its event clusters, their
// outlets and dates, and the copies found.
func writeStories(ctx context.Context, st store.Store, p *printer, byID map[string]*model.Article) error {
	sts, err := st.Stories(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	links, err := st.DuplicateLinks(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if len(sts) == 0 {
		return nil
	}
	copyOf := map[string]string{}
	for _, l := range links {
		copyOf[l.Article] = l.Original
	}
	children := map[string][]model.Story{}
	var lines []model.Story
	for _, s := range sts {
		if s.Level == "storyline" {
			lines = append(lines, s)
		} else {
			children[s.Parent] = append(children[s.Parent], s)
		}
	}
	p.line("")
	p.line("STORIES")
	p.line("-------")
	for _, l := range lines {
		p.line("Storyline %q: %d articles, %s", l.Title, len(l.Articles), dateRange(l.First, l.Last))
		for _, e := range children[l.ID] {
			outlets := map[string]bool{}
			var names []string
			for _, a := range e.Articles {
				if art := byID[a]; art != nil {
					o := orNone(art.Outlet, sourceName(art))
					if orig := copyOf[a]; orig != "" {
						if oa := byID[orig]; oa != nil {
							o += " (copy of " + orNone(oa.Outlet, sourceName(oa)) + ")"
						}
					}
					if !outlets[o] {
						outlets[o] = true
						names = append(names, o)
					}
				}
			}
			p.line("  event %q: %d articles, %s", e.Title, len(e.Articles), dateRange(e.First, e.Last))
			p.line("    reported by %s", strings.Join(names, ", "))
		}
	}
	return nil
}

func dateRange(first, last string) string {
	switch {
	case first == "":
		return "undated"
	case first == last:
		return first
	}
	return first + " to " + last
}

// writeEvents lists the coded events: merged ones with their
// corroboration first, then those one article reports.
func writeEvents(ctx context.Context, st store.Store, p *printer, arts []*model.Article) error {
	merged, err := st.MergedEvents(ctx, "")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	inMerged := map[string]bool{}
	for _, m := range merged {
		for _, r := range m.Reports {
			inMerged[r.Article+"\x00"+r.Event] = true
		}
	}
	var single []string
	for _, a := range arts {
		for _, e := range a.Events {
			if inMerged[a.ID+"\x00"+e.ID] {
				continue
			}
			single = append(single, fmt.Sprintf("%-10s %s — %s (CAMEO %s, %s%s) — %s: %q",
				orNone(e.Date, "undated"), orNone(e.Source.Code, "?"), orNone(e.Target.Code, "?"), e.CAMEO, e.PLOVER,
				eventFlags(e.Negated, e.Modality), sourceName(a), clip(e.Span.In(a.Text), 110)))
		}
	}
	if len(merged) == 0 && len(single) == 0 {
		return nil
	}
	p.line("")
	p.line("EVENTS")
	p.line("------")
	for _, m := range merged {
		p.line("%-10s %s — %s (CAMEO %s, %s%s): %d articles, %d independent outlets%s",
			orNone(m.Date, "undated"), m.Source, m.Target, m.CAMEO, m.PLOVER, eventFlags(m.Negated, ""),
			len(m.Articles), m.Corroboration, disagreementNote(m.Disagreements))
	}
	for _, s := range single {
		p.line("%s", s)
	}
	return nil
}

func eventFlags(negated bool, modality string) string {
	var f []string
	if negated {
		f = append(f, "negated")
	}
	if modality != "" {
		f = append(f, modality)
	}
	if len(f) == 0 {
		return ""
	}
	return ", " + strings.Join(f, ", ")
}

func disagreementNote(ds []model.Disagreement) string {
	if len(ds) == 0 {
		return ""
	}
	var parts []string
	for _, d := range ds {
		var vs []string
		for _, v := range d.Variants {
			vs = append(vs, v.Value)
		}
		parts = append(parts, d.Field+": "+strings.Join(vs, " / "))
	}
	return "; reports disagree on " + strings.Join(parts, "; ")
}

// writeQuotes groups the quotes by speaker, most quoted first.
func writeQuotes(p *printer, arts []*model.Article) {
	type said struct {
		art *model.Article
		q   model.Quote
	}
	by := map[string][]said{}
	for _, a := range arts {
		for _, q := range a.Quotes {
			who := "(speaker unknown)"
			if sp := q.Speaker; sp != nil {
				who = orNone(sp.Name, sp.Description)
				if sp.Anonymous && sp.Description != "" {
					who = sp.Description + " (anonymous)"
				}
				if sp.Actor != "" {
					who += " [" + sp.Actor + "]"
				}
			}
			by[who] = append(by[who], said{a, q})
		}
	}
	if len(by) == 0 {
		return
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(by[names[i]]) != len(by[names[j]]) {
			return len(by[names[i]]) > len(by[names[j]])
		}
		return names[i] < names[j]
	})
	p.line("")
	p.line("WHO SAID WHAT")
	p.line("-------------")
	for _, n := range names {
		p.line("%s: %d quotes", n, len(by[n]))
		for i, s := range by[n] {
			if i == 3 {
				p.line("    … and %d more", len(by[n])-3)
				break
			}
			p.line("    %s, %s: %q", s.q.Kind, sourceName(s.art), clip(s.q.Text, 120))
		}
	}
}

// writeActors counts the resolved actor mentions, most mentioned first.
func writeActors(p *printer, arts []*model.Article) {
	type tally struct {
		mentions int
		articles map[string]bool
		people   map[string]bool
	}
	by := map[string]*tally{}
	for _, a := range arts {
		for _, m := range a.Mentions {
			if m.Actor == "" {
				continue
			}
			t := by[m.Actor]
			if t == nil {
				t = &tally{articles: map[string]bool{}, people: map[string]bool{}}
				by[m.Actor] = t
			}
			t.mentions++
			t.articles[a.ID] = true
			if m.Person != "" {
				t.people[m.Person] = true
			}
		}
	}
	if len(by) == 0 {
		return
	}
	codes := make([]string, 0, len(by))
	for c := range by {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if by[codes[i]].mentions != by[codes[j]].mentions {
			return by[codes[i]].mentions > by[codes[j]].mentions
		}
		return codes[i] < codes[j]
	})
	p.line("")
	p.line("ACTORS")
	p.line("------")
	for _, c := range codes {
		t := by[c]
		people := make([]string, 0, len(t.people))
		for n := range t.people {
			people = append(people, n)
		}
		sort.Strings(people)
		line := fmt.Sprintf("%-10s %d mentions in %d articles", c, t.mentions, len(t.articles))
		if len(people) > 0 {
			line += "; people: " + strings.Join(people, ", ")
		}
		p.line("%s", line)
	}
}
