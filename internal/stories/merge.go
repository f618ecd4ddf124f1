package stories

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// Event is one event as one article reports it: the input of Merge. It
// stands in for the event stage's type until that stage exists; its
// fields are the ones merging needs, so adapting means filling them.
type Event struct {
	// ID identifies the event (unique among the events merged).
	ID string `json:"id"`
	// Article is the reporting article's ID, Outlet its outlet.
	Article string `json:"article"`
	Outlet  string `json:"outlet,omitempty"`
	// Original is the article Article copies (Placement.DuplicateOf), or
	// "": a copy counts once, with its original, toward corroboration.
	Original string `json:"original,omitempty"`
	// Story is the event cluster of the article (Placement.Event). Events
	// with an empty Story merge only within their own article.
	Story string `json:"story"`
	// Source and Target are the actor codes of the dyad; Type the event
	// type (CAMEO root or PLOVER type).
	Source string `json:"source"`
	Target string `json:"target"`
	Type   string `json:"type"`
	// SourceDetail and TargetDetail say more about the actors (a person,
	// a sector); reports that name different people disagree.
	SourceDetail string `json:"source_detail,omitempty"`
	TargetDetail string `json:"target_detail,omitempty"`
	// Date is when the event happened, YYYY-MM-DD, or "" when unknown.
	Date string `json:"date,omitempty"`
	// Negated is true when the report says the event did not happen.
	Negated bool `json:"negated,omitempty"`
	// Numbers are the quantities the report gives ("12 killed").
	Numbers []string `json:"numbers,omitempty"`
	// Evidence locates the report in the article's text.
	Evidence model.Span `json:"evidence"`
}

// Evidence is one report of a merged event: an article and a span in it.
type Evidence struct {
	Article string     `json:"article"`
	Event   string     `json:"event"`
	Span    model.Span `json:"span"`
}

// Variant is one version of a disputed field and the articles giving it.
type Variant struct {
	Value    string   `json:"value"`
	Articles []string `json:"articles"`
}

// Disagreement is a field on which the merged reports differ, with every
// version kept.
type Disagreement struct {
	// Field is "date", "source_detail", "target_detail", "negated" or
	// "numbers".
	Field    string    `json:"field"`
	Variants []Variant `json:"variants"`
}

// MergedEvent is one real-world event with every report of it.
type MergedEvent struct {
	ID     string `json:"id"`
	Story  string `json:"story"`
	Source string `json:"source"`
	Target string `json:"target"`
	Type   string `json:"type"`
	// Date is the date most reports give (ties: the earliest), or "".
	Date string `json:"date,omitempty"`
	// Negated is what most reports say (ties: not negated); a split is
	// also listed in Disagreements.
	Negated bool `json:"negated,omitempty"`
	// Articles lists every reporting article (sorted), Evidence every
	// report.
	Articles []string   `json:"articles"`
	Evidence []Evidence `json:"evidence"`
	// Corroboration is the number of independent outlets behind the
	// event: copies count with their originals, and several articles of
	// one outlet count once.
	Corroboration int            `json:"corroboration"`
	Disagreements []Disagreement `json:"disagreements"`
}

// MergeOptions tunes Merge.
type MergeOptions struct {
	// DateTolerance is how many days apart two reports' dates may be and
	// still be one event (chained: a run of dates each within the
	// tolerance of the next is one event). Zero means 1; negative means 0.
	DateTolerance int
}

// Merge joins the events that are the same real-world event: same story,
// same dyad and type, dates within the tolerance. Undated reports join
// the largest dated group of their key (or form one group when none is
// dated). The result is sorted by story, date, source, target and type;
// events is not modified.
func Merge(events []Event, opts MergeOptions) []MergedEvent {
	tol := opts.DateTolerance
	if tol == 0 {
		tol = 1
	}
	tol = max(tol, 0)
	type key struct{ story, src, tgt, typ string }
	groups := map[key][]Event{}
	var keys []key
	for _, e := range events {
		k := key{e.Story, e.Source, e.Target, e.Type}
		if e.Story == "" {
			k.story = "\x00" + e.Article
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	var out []MergedEvent
	for _, k := range keys {
		var dated, undated []Event
		for _, e := range groups[k] {
			if dayOf(e.Date) != noDay {
				dated = append(dated, e)
			} else {
				undated = append(undated, e)
			}
		}
		slices.SortStableFunc(dated, func(a, b Event) int {
			return cmp.Or(cmp.Compare(dayOf(a.Date), dayOf(b.Date)), cmp.Compare(a.ID, b.ID))
		})
		var runs [][]Event
		for i, e := range dated {
			if i == 0 || int(dayOf(e.Date)-dayOf(dated[i-1].Date)) > tol {
				runs = append(runs, nil)
			}
			runs[len(runs)-1] = append(runs[len(runs)-1], e)
		}
		if len(undated) > 0 {
			if len(runs) == 0 {
				runs = append(runs, nil)
			}
			big := 0
			for i, r := range runs {
				if len(r) > len(runs[big]) {
					big = i
				}
			}
			runs[big] = append(runs[big], undated...)
		}
		for _, r := range runs {
			out = append(out, mergeRun(r))
		}
	}
	slices.SortFunc(out, func(a, b MergedEvent) int {
		return cmp.Or(cmp.Compare(a.Story, b.Story), cmp.Compare(a.Date, b.Date), cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.Target, b.Target), cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// mergeRun builds the merged event of reports r (one key, one date run).
func mergeRun(r []Event) MergedEvent {
	slices.SortStableFunc(r, func(a, b Event) int { return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.ID, b.ID)) })
	first := r[0]
	for _, e := range r {
		if e.ID < first.ID {
			first = e
		}
	}
	m := MergedEvent{ID: "me-" + first.ID, Story: first.Story, Source: first.Source, Target: first.Target, Type: first.Type}
	arts := map[string]bool{}
	for _, e := range r {
		if !arts[e.Article] {
			arts[e.Article] = true
			m.Articles = append(m.Articles, e.Article)
		}
		m.Evidence = append(m.Evidence, Evidence{Article: e.Article, Event: e.ID, Span: e.Evidence})
	}
	m.Corroboration = corroboration(r)

	field := func(name string, value func(Event) string, skipEmpty bool) (top string) {
		vals := map[string][]string{}
		var order []string
		for _, e := range r {
			v := value(e)
			if v == "" && skipEmpty {
				continue
			}
			if _, ok := vals[v]; !ok {
				order = append(order, v)
			}
			if as := vals[v]; len(as) == 0 || as[len(as)-1] != e.Article {
				vals[v] = append(as, e.Article)
			}
		}
		slices.Sort(order)
		for _, v := range order {
			if top == "" && len(vals[v]) > 0 || len(vals[v]) > len(vals[top]) {
				top = v
			}
		}
		if len(order) > 1 {
			d := Disagreement{Field: name}
			for _, v := range order {
				d.Variants = append(d.Variants, Variant{Value: v, Articles: vals[v]})
			}
			m.Disagreements = append(m.Disagreements, d)
		}
		return top
	}
	m.Date = field("date", func(e Event) string { return e.Date }, true)
	field("source_detail", func(e Event) string { return e.SourceDetail }, true)
	field("target_detail", func(e Event) string { return e.TargetDetail }, true)
	m.Negated = field("negated", func(e Event) string {
		if e.Negated {
			return "negated"
		}
		return "affirmed"
	}, false) == "negated"
	field("numbers", func(e Event) string {
		ns := slices.Clone(e.Numbers)
		slices.Sort(ns)
		return strings.Join(ns, "; ")
	}, true)
	if m.Disagreements == nil {
		m.Disagreements = []Disagreement{}
	}
	return m
}

// corroboration counts the independent outlets behind reports r: a copy
// counts with its original, articles of one outlet count once, and an
// article without an outlet counts on its own.
func corroboration(r []Event) int {
	keyOf := map[string]string{} // article -> independent source key
	for _, e := range r {
		if e.Original != "" {
			continue
		}
		if o := strings.ToLower(strings.TrimSpace(e.Outlet)); o != "" {
			keyOf[e.Article] = "outlet:" + o
		} else {
			keyOf[e.Article] = "article:" + e.Article
		}
	}
	srcs := map[string]bool{}
	for _, e := range r {
		if e.Original == "" {
			srcs[keyOf[e.Article]] = true
		} else if k, ok := keyOf[e.Original]; ok {
			srcs[k] = true
		} else {
			srcs["article:"+e.Original] = true
		}
	}
	return len(srcs)
}
