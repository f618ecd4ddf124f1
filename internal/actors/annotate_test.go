package actors

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// article builds a segmented article from text written for these tests.
func article(text, published string) *model.Article {
	a := &model.Article{Text: text, Published: published, Format: "txt"}
	off := 0
	for p := range strings.SplitSeq(text, "\n\n") {
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: off, End: off + len(p)}, Raw: model.NoSpan, Kind: model.KindBody})
		off += len(p) + 2
	}
	segment.Segment(a, segment.Options{})
	return a
}

func defaultResolver(t testing.TB) *Resolver {
	t.Helper()
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return NewResolver(kb)
}

// find returns the first mention whose text is text, or nil.
func find(a *model.Article, text string) *model.Mention {
	for i := range a.Mentions {
		if a.Mentions[i].Text == text {
			return &a.Mentions[i]
		}
	}
	return nil
}

// findAll returns the mentions whose text is text.
func findAll(a *model.Article, text string) []model.Mention {
	var out []model.Mention
	for _, m := range a.Mentions {
		if m.Text == text {
			out = append(out, m)
		}
	}
	return out
}

func TestAnnotateCases(t *testing.T) {
	r := defaultResolver(t)
	tests := []struct {
		name, text, date string
		mention          string
		actor, sector    string
		person           string
		absent           bool // the text must not be a mention with this actor
	}{
		{"state", "Ankara closed the crossing on Tuesday.", "2016-03-01", "Ankara", "TUR", "", "", false},
		{"demonym", "Kenyan police dispersed the crowd.", "2016-03-01", "Kenyan", "KEN", "", "", false},
		{"seat of government", "The Kremlin rejected the claim.", "2016-03-01", "Kremlin", "RUS", "GOV", "", false},
		{"body", "The Pentagon said two drones were lost.", "2016-03-01", "Pentagon", "USA", "MIL", "", false},
		{"igo", "The Arab League met in Cairo.", "2016-03-01", "Arab League", "ARL", "IGO", "", false},
		{"group alias", "Daesh fighters withdrew from the town.", "2016-03-01", "Daesh", "ISIS", "REB", "", false},
		{"US in capitals", "The US sent envoys to Oman.", "2016-03-01", "US", "USA", "", "", false},
		{"us in lower case", "They told us nothing.", "2016-03-01", "us", "USA", "", "", true},
		{"IS shouted", "THIS IS NOT OVER", "2016-03-01", "IS", "ISIS", "", "", true},
		{"IS in running text", "Kurdish units pushed IS out of the village.", "2016-03-01", "IS", "ISIS", "REB", "", false},
		{"Jordan the country", "Jordan reopened its border with Syria.", "2016-03-01", "Jordan", "JOR", "", "", false},
		{"Jordan the player", "Yesterday Michael Jordan watched the game.", "2016-03-01", "Jordan", "JOR", "", "", true},
		{"turkey the bird", "We ate turkey at dinner.", "2016-03-01", "turkey", "TUR", "", "", true},
		{"administration", "Critics said the Obama administration had waited too long.", "2015-01-10", "Obama administration", "USA", "GOV", "", false},
		{"title gives country and sector", "Estonian interior ministry spokesman Kaarel Tamm said the border was calm.", "2016-03-01", "Kaarel Tamm", "EST", "GOV", "Kaarel Tamm", false},
		{"possessive and title", "Peru's Foreign Minister Ana Quispe arrived late.", "2016-03-01", "Ana Quispe", "PER", "GOV", "Ana Quispe", false},
		{"journalist", "The reporters said Danish journalist Lars Holm had been freed.", "2016-03-01", "Lars Holm", "DNK", "MED", "Lars Holm", false},
		{"aid worker", "Gunmen seized Irish aid worker Niamh Byrne near the camp.", "2016-03-01", "Niamh Byrne", "IRL", "NGO", "Niamh Byrne", false},
		{"apposition", "Tomas Berg, a Swedish diplomat, said the talks had stalled.", "2016-03-01", "Tomas Berg", "SWE", "GOV", "Tomas Berg", false},
		{"base person in office", "Angela Merkel travelled to Paris.", "2012-06-01", "Angela Merkel", "DEU", "GOV", "Angela Merkel", false},
		{"description resolved by office", "Germany's chancellor said the deal was fair.", "2012-06-01", "chancellor", "DEU", "GOV", "Angela Merkel", false},
		{"surname that is a month", "Mrs May met Chancellor Merkel in May.", "2017-05-20", "May", "GBR", "GOV", "Theresa May", false},
		{"president where the head of state is a supreme leader", "Iran's president arrived in Vienna.", "2015-07-14", "president", "IRN", "GOV", "Hassan Rouhani", false},
		{"supreme leader", "Iran's supreme leader warned the West.", "2015-07-14", "supreme leader", "IRN", "GOV", "Ali Khamenei", false},
		{"indefinite description", "A Belgian diplomat said the meeting was tense.", "2016-03-01", "diplomat", "BEL", "GOV", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(tt.text, tt.date)
			r.Annotate(a)
			m := find(a, tt.mention)
			if tt.absent {
				if m != nil && m.Actor == tt.actor {
					t.Errorf("%q: %q resolved to %s, want not", tt.text, tt.mention, m.Actor)
				}
				return
			}
			if m == nil {
				t.Fatalf("%q: no mention %q in %+v", tt.text, tt.mention, a.Mentions)
			}
			if m.Actor != tt.actor || m.Sector != tt.sector || m.Person != tt.person {
				t.Errorf("%q: %q → %s/%s/%q, want %s/%s/%q", tt.text, tt.mention, m.Actor, m.Sector, m.Person, tt.actor, tt.sector, tt.person)
			}
			if m.Span.In(a.Text) != m.Text {
				t.Errorf("span %v does not hold %q", m.Span, m.Text)
			}
		})
	}
}

// TestCoreference checks surname, description and pronoun links within an
// article, on text written for the test.
func TestCoreference(t *testing.T) {
	r := defaultResolver(t)
	text := "Latvian defence ministry spokeswoman Ilze Ozola said on Monday that the exercise would go ahead.\n\n" +
		"Ozola added that allied troops had arrived. She said the drills would last a week.\n\n" +
		"Boko Haram fighters attacked two villages overnight. The militant group has not commented. They often strike at night."
	a := article(text, "2017-04-03")
	r.Annotate(a)
	full := find(a, "Ilze Ozola")
	if full == nil || full.Actor != "LVA" || full.Sector != "GOV" {
		t.Fatalf("Ilze Ozola: %+v", full)
	}
	sur := find(a, "Ozola")
	if sur == nil || sur.Person != "Ilze Ozola" || sur.Entity != full.Entity || sur.Actor != "LVA" {
		t.Errorf("surname: %+v, want linked to %+v", sur, full)
	}
	she := find(a, "She")
	if she == nil || she.Person != "Ilze Ozola" || she.Entity != full.Entity || she.Via != "pronoun" {
		t.Errorf("pronoun: %+v", she)
	}
	grp := find(a, "militant group")
	if grp == nil || grp.Actor != "BOKOHARAM" || grp.Via != "description" {
		t.Errorf("group description: %+v", grp)
	}
	they := find(a, "They")
	if they == nil || they.Actor != "BOKOHARAM" || they.Via != "pronoun" {
		t.Errorf("they: %+v", they)
	}
	for i := 1; i < len(a.Mentions); i++ {
		if a.Mentions[i].Span.Start < a.Mentions[i-1].Span.Start {
			t.Errorf("mentions out of order at %d", i)
		}
	}
}

// TestTimeAware checks that a leader's name codes as a government actor
// only while the office was held: before it the country alone, after it a
// former office holder (ELI).
func TestTimeAware(t *testing.T) {
	files := fstest.MapFS{}
	base := DefaultFS()
	for _, name := range []string{"states.tsv", "bodies.tsv", "igos.tsv", "groups.tsv", "orgs.tsv", "sectors.tsv", "given_names.txt"} {
		b, err := fs.ReadFile(base, name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: b}
	}
	b, err := readTestdata("people_time.tsv")
	if err != nil {
		t.Fatal(err)
	}
	files["people.tsv"] = &fstest.MapFile{Data: b}
	kb, err := LoadKB(files)
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(kb)
	text := "Marta Kovanen met farmers in the north. Kovanen promised new roads."
	tests := []struct {
		date, actor, sector string
	}{
		{"2005-03-01", "FIN", ""},
		{"2010-05-28", "FIN", ""},
		{"2010-05-29", "FIN", "GOV"},
		{"2015-09-15", "FIN", "GOV"},
		{"2016-06-01", "FIN", "GOV"},
		{"2017-01-01", "FIN", "ELI"},
		{"2019-07-01", "FIN", "GOV"},
		{"2022-01-01", "FIN", "ELI"},
	}
	for _, tt := range tests {
		a := article(text, tt.date)
		r.Annotate(a)
		for _, name := range []string{"Marta Kovanen", "Kovanen"} {
			m := find(a, name)
			if m == nil {
				t.Fatalf("%s: no mention %q", tt.date, name)
			}
			if m.Actor != tt.actor || m.Sector != tt.sector || m.Person != "Marta Kovanen" {
				t.Errorf("%s: %q → %s/%s/%q, want %s/%s", tt.date, name, m.Actor, m.Sector, m.Person, tt.actor, tt.sector)
			}
		}
	}
	// The office, not just the name: "the prime minister" finds her only
	// while she held it.
	for _, tt := range []struct {
		date, person string
	}{{"2013-01-01", "Marta Kovanen"}, {"2018-01-01", ""}} {
		a := article("Finland's prime minister opened the session.", tt.date)
		r.Annotate(a)
		m := find(a, "prime minister")
		got := ""
		if m != nil {
			got = m.Person
		}
		if got != tt.person {
			t.Errorf("%s: Finland's prime minister → %q, want %q", tt.date, got, tt.person)
		}
	}
}

// TestLoadKBErrors checks that malformed base files are reported with
// their file and line.
func TestLoadKBErrors(t *testing.T) {
	tests := []struct {
		file, data, want string
	}{
		{"people.tsv", "name\taliases\tcountry\trole\tsector\tfrom\tto\nX Y\t\tFRA\tHOG\tGOV\t2010-13\t\n", "people.tsv:2"},
		{"states.tsv", "code\tnames\tadjectives\tcapitals\tcities\nfr\tFrance\t\t\t\n", "states.tsv:2"},
		{"igos.tsv", "code\tsector\n", "lacks column"},
	}
	for _, tt := range tests {
		_, err := LoadKB(fstest.MapFS{tt.file: &fstest.MapFile{Data: []byte(tt.data)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.file, err, tt.want)
		}
	}
}

// TestDefaultKB checks the size of the embedded base.
func TestDefaultKB(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	states, igos := 0, 0
	for code := range kb.codes {
		if len(code) == 3 && code == strings.ToUpper(code) {
			states++
		}
	}
	for _, names := range kb.gaz.names {
		for _, n := range names {
			if n.t.sector == "IGO" {
				igos++
			}
		}
	}
	if states < 200 || igos < 80 {
		t.Errorf("base has %d three-letter codes and %d IGO names, want ≥ 200 and ≥ 80", states, igos)
	}
	if len(kb.People) < 500 {
		t.Errorf("base has %d people, want ≥ 500", len(kb.People))
	}
	if kb.NER() == nil {
		t.Error("no embedded name model")
	}
}

func TestEmptyAndOdd(t *testing.T) {
	r := defaultResolver(t)
	for _, text := range []string{"", " ", "\x00\xff\xfe", strings.Repeat("Iran ", 5000), "Привет, мир. 你好。", "US-US-US", "'s 's"} {
		a := article(text, "")
		r.Annotate(a)
		checkMentions(t, a)
	}
	// An article without sentences is segmented first.
	a := &model.Article{Text: "Iran and Iraq signed a deal."}
	r.Annotate(a)
	if find(a, "Iraq") == nil {
		t.Errorf("unsegmented article: %+v", a.Mentions)
	}
}

// checkMentions checks the mention invariants: spans inside the text and
// holding the mention's text, in order, with a known kind.
func checkMentions(t testing.TB, a *model.Article) {
	t.Helper()
	for i, m := range a.Mentions {
		if !m.Span.Valid() || m.Span.End > len(a.Text) || m.Span.In(a.Text) != m.Text || m.Text == "" {
			t.Fatalf("mention %d %+v out of bounds (text %d bytes)", i, m, len(a.Text))
		}
		if i > 0 && m.Span.Start < a.Mentions[i-1].Span.Start {
			t.Fatalf("mention %d out of order", i)
		}
		if m.Kind != KindPER && m.Kind != KindORG && m.Kind != KindLOC {
			t.Fatalf("mention %d kind %q", i, m.Kind)
		}
	}
}
