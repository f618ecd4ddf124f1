package model

// Story is a group of articles about one thing: an event cluster (the same
// real-world happening, reported over days) or a storyline (weeks to
// months of related events). A storyline is the parent of its event
// clusters.
type Story struct {
	ID string `json:"id"`
	// Level is "event" or "storyline".
	Level string `json:"level"`
	// Parent is an event cluster's storyline, "" for a storyline.
	Parent string `json:"parent,omitempty"`
	// Title is the title (or first sentence) of the story's first article.
	Title string `json:"title"`
	// First and Last are the earliest and latest publication dates of its
	// articles, YYYY-MM-DD, or "" when none is dated.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
	// Articles lists the member articles' IDs in the order they joined.
	Articles []string `json:"articles"`
}

// DuplicateLink records that an article is a near-copy (a syndicated or
// reposted version) of an earlier one.
type DuplicateLink struct {
	Article  string `json:"article"`
	Original string `json:"original"`
	// Similarity is the estimated Jaccard similarity of their shingles.
	Similarity float64 `json:"similarity"`
}

// EventRef points at one article's report of a merged event.
type EventRef struct {
	Article string `json:"article"`
	// Event is the Event.ID within that article.
	Event string `json:"event"`
	// Span is the evidence in that article's text.
	Span Span `json:"span"`
}

// Variant is one version of a disputed field and the articles that give it.
type Variant struct {
	Value    string   `json:"value"`
	Articles []string `json:"articles"`
}

// Disagreement is a field on which the reports of a merged event differ
// ("date", "source_detail", "target_detail", "negated", "numbers"), with
// every version kept.
type Disagreement struct {
	Field    string    `json:"field"`
	Variants []Variant `json:"variants"`
}

// MergedEvent is one real-world event with every article that reports it:
// events of one event cluster with the same dyad and type and dates within
// a tolerance.
type MergedEvent struct {
	ID string `json:"id"`
	// Story is the event cluster the reports belong to.
	Story string `json:"story"`
	// Source and Target are actor codes; CAMEO, Root and PLOVER the codes
	// most reports give.
	Source string `json:"source"`
	Target string `json:"target"`
	CAMEO  string `json:"cameo"`
	Root   string `json:"root"`
	PLOVER string `json:"plover"`
	// Goldstein and Quad follow CAMEO.
	Goldstein float64 `json:"goldstein"`
	Quad      int     `json:"quad"`
	// Date is the date most reports give, or "".
	Date    string `json:"date,omitempty"`
	Negated bool   `json:"negated"`
	// Articles lists every reporting article; Reports every report.
	Articles []string   `json:"articles"`
	Reports  []EventRef `json:"reports"`
	// Corroboration counts the independent outlets behind the event: a
	// copy counts with its original, several articles of one outlet once.
	Corroboration int            `json:"corroboration"`
	Disagreements []Disagreement `json:"disagreements,omitempty"`
}
