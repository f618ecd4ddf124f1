package actors

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadPhoenixFiles loads the four Phoenix dictionaries of the field
// (countries, international and non-state actors, agents) without error.
func TestLoadPhoenixFiles(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "data", "petrarch")
	open := func(name string) io.Reader {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("Phoenix dictionaries not found: %v", err)
		}
		return strings.NewReader(string(b))
	}
	actorFiles := []io.Reader{open("Phoenix.Countries.actors.txt"), open("Phoenix.International.actors.txt"), open("Phoenix.MilNonState.actors.txt")}
	d, err := LoadPhoenix(actorFiles, []io.Reader{open("Phoenix.agents.txt")})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Phoenix: %d actor names, %d agent phrases, %d codes with unreadable dates skipped", d.Entries, d.Agents, d.Skipped)
	if d.Entries < 30000 || d.Agents < 1000 {
		t.Errorf("loaded %d actor names and %d agent phrases, want ≥ 30000 and ≥ 1000", d.Entries, d.Agents)
	}
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(kb, d)
	// A name only the dictionary knows, and an agent word only it knows.
	a := article("The Anarchist Liberation Brigade claimed the fire. Kenyan sharecroppers protested.", "2014-01-01")
	r.Annotate(a)
	if m := find(a, "Anarchist Liberation Brigade"); m == nil || m.Actor != "GRC" || m.Sector != "REB" || m.Via != "dict" {
		t.Errorf("dictionary name: %+v", m)
	}
	if m := find(a, "sharecroppers"); m == nil || m.Actor != "KEN" || m.Sector != "AGR" {
		t.Errorf("dictionary agent: %+v in %+v", m, a.Mentions)
	}
	checkMentions(t, a)
}

// TestPhoenixFormat reads entries written for the test in the Phoenix
// layout: synonyms, indented dated codes, two- and four-digit years, a bare
// sector code, macros and plurals in the agents file.
func TestPhoenixFormat(t *testing.T) {
	actorsTxt := `# comment
ORVAL_PENDRAKE_  # a made-up minister
+MINISTER_PENDRAKE
	[NORGOV 080101-111231]
	[NORGOV >20150301]
	[ELI]
VELDT_RIVER_FRONT_ [ZAFREB] # kkl
BROKEN_DATES_ [NORGOV 2004017-20061201] [NORMIL]
`
	agentsTxt := `!PERSON! = MAN, MEN, WOMAN
HERRING_FISHER!PERSON! [~AGR]
SMELTER_HAND {SMELTER_HANDS} [~LAB]
DEPARMENT_OF_WEIRDNESS [~ENV}
`
	d, err := LoadPhoenix([]io.Reader{strings.NewReader(actorsTxt)}, []io.Reader{strings.NewReader(agentsTxt)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Skipped != 1 {
		t.Errorf("skipped %d codes, want 1 (the seven-digit date)", d.Skipped)
	}
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(kb, d)
	for _, tt := range []struct {
		date, actor, sector string
	}{
		{"2009-05-01", "NOR", "GOV"},
		{"2013-05-01", "NOR", "ELI"},
		{"2016-05-01", "NOR", "GOV"},
	} {
		a := article("Orval Pendrake spoke to the Veldt River Front. Norwegian herring fishermen and smelter hands listened. Broken Dates arrived.", tt.date)
		r.Annotate(a)
		if m := find(a, "Orval Pendrake"); m == nil || m.Actor != tt.actor || m.Sector != tt.sector {
			t.Errorf("%s: Orval Pendrake → %+v, want %s/%s", tt.date, m, tt.actor, tt.sector)
		}
		if m := find(a, "Veldt River Front"); m == nil || m.Actor != "ZAF" || m.Sector != "REB" {
			t.Errorf("%s: Veldt River Front → %+v", tt.date, m)
		}
		if m := find(a, "herring fishermen"); m == nil || m.Actor != "NOR" || m.Sector != "AGR" {
			t.Errorf("%s: herring fishermen → %+v", tt.date, m)
		}
		if m := find(a, "Broken Dates"); m == nil || m.Actor != "NOR" || m.Sector != "MIL" {
			t.Errorf("%s: Broken Dates → %+v", tt.date, m)
		}
	}
}
