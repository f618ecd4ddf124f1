package stories

import "slices"

// Story is one exported story record: an event cluster or a storyline.
// It is the "story" line of the JSONL export contract.
type Story struct {
	// Type is always "story".
	Type string `json:"type"`
	ID   string `json:"id"`
	// Level is "event" or "storyline".
	Level string `json:"level"`
	// Parent is the storyline of an event cluster, null for a storyline.
	Parent *string `json:"parent"`
	// Articles lists the member articles' IDs in placement order.
	Articles []string `json:"articles"`
	// Title is the title (or first sentence) of the first article placed.
	Title string `json:"title"`
	// First and Last are the earliest and latest publication dates of the
	// members (YYYY-MM-DD), null when none is dated.
	First *string `json:"first"`
	Last  *string `json:"last"`
}

// Story levels.
const (
	LevelEvent     = "event"
	LevelStoryline = "storyline"
)

// Stories returns the current story records: each storyline, in the order
// storylines were opened, followed by its event clusters. Clusters merged
// into others are not listed; their articles are listed under the cluster
// that absorbed them.
func (x *Index) Stories() []Story {
	var out []Story
	for _, l := range x.lines {
		if l.Alias >= 0 {
			continue
		}
		out = append(out, x.story(l, LevelStoryline, nil))
		parent := l.ID
		for _, e := range l.Children {
			if ev := x.events[e]; ev.Alias < 0 {
				out = append(out, x.story(ev, LevelEvent, &parent))
			}
		}
	}
	return out
}

func (x *Index) story(c *cluster, level string, parent *string) Story {
	s := Story{Type: "story", ID: c.ID, Level: level, Parent: parent, Title: c.Title, First: dateOf(c.First), Last: dateOf(c.Last)}
	idx := slices.Clone(c.Articles)
	slices.Sort(idx)
	s.Articles = make([]string, len(idx))
	for i, a := range idx {
		s.Articles[i] = x.arts[a].ID
	}
	return s
}
