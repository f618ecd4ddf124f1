package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
)

func doc(text string) model.Document {
	return model.Document{Path: "in/a.txt", Format: "txt", Container: "txt", Raw: text}
}

func codes(a *model.Article) []string {
	var cs []string
	for _, d := range a.Diagnostics {
		cs = append(cs, d.Code)
	}
	return cs
}

func TestStagesRunInOrderAndSkipOtherLanguages(t *testing.T) {
	var order []string
	mk := func(name string, english bool) Stage {
		return Stage{Name: name, EnglishOnly: english, Run: func(a *model.Article) []model.Diagnostic {
			order = append(order, name)
			return []model.Diagnostic{{Severity: model.Info, Stage: name, Code: "ran-" + name}}
		}}
	}
	stages := []Stage{mk("first", false), mk("english", true), mk("last", false)}

	a, rej := Process(doc(goodArticle), Options{Stages: stages})
	if rej != nil {
		t.Fatal(rej)
	}
	if got := strings.Join(order, ","); got != "first,english,last" {
		t.Errorf("English article ran %s", got)
	}
	if got := strings.Join(codes(a), ","); !strings.Contains(got, "ran-first,ran-english,ran-last") {
		t.Errorf("diagnostics %s", got)
	}

	order = nil
	a, rej = Process(doc(frenchArticle), Options{Stages: stages})
	if rej != nil {
		t.Fatal(rej)
	}
	if got := strings.Join(order, ","); got != "first,last" {
		t.Errorf("French article ran %s, want first,last", got)
	}
	found := false
	for _, d := range a.Diagnostics {
		if d.Code == "language-skip" {
			found = true
			if !strings.Contains(d.Message, `"fr"`) || !strings.Contains(d.Message, "english") {
				t.Errorf("unclear diagnostic %q", d.Message)
			}
		}
	}
	if !found {
		t.Errorf("no not-english diagnostic: %v", codes(a))
	}
}

func TestBudgetSkipsRemainingStages(t *testing.T) {
	ran := 0
	slow := Stage{Name: "slow", Run: func(a *model.Article) []model.Diagnostic {
		ran++
		time.Sleep(30 * time.Millisecond)
		return nil
	}}
	a, rej := Process(doc(goodArticle), Options{Stages: []Stage{slow, slow, slow}, Budget: 10 * time.Millisecond})
	if rej != nil {
		t.Fatal(rej)
	}
	if ran != 1 {
		t.Errorf("%d stages ran, want 1 (the budget is used up by the first)", ran)
	}
	last := a.Diagnostics[len(a.Diagnostics)-1]
	if last.Code != "time-budget" || !strings.Contains(last.Message, "slow, slow") {
		t.Errorf("last diagnostic %+v", last)
	}
	ran = 0
	if _, rej := Process(doc(goodArticle), Options{Stages: []Stage{slow, slow}, Budget: -1}); rej != nil || ran != 2 {
		t.Errorf("with no budget %d stages ran (rejection %v)", ran, rej)
	}
}

func TestPanickingStageRejectsOnlyItsArticle(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "in", "a.txt"), []byte(goodArticle))
	write(t, filepath.Join(dir, "in", "b.txt"), []byte(strings.Replace(goodArticle, "officials said", "officials said PANIC", 1)))
	bad := Stage{Name: "fragile", Run: func(a *model.Article) []model.Diagnostic {
		if strings.Contains(a.Text, "PANIC") {
			var m map[string]int
			m["x"] = 1 // a real runtime panic
		}
		return nil
	}}
	sum := ingestWith(t, filepath.Join(dir, "s.db"), []string{filepath.Join(dir, "in")}, Options{Workers: 2, Stages: []Stage{bad}})
	if sum.Stored != 1 || sum.Rejected != 1 || sum.Rejections[0].Code != "internal" || filepath.Base(sum.Rejections[0].File) != "b.txt" {
		t.Errorf("summary %s, rejections %v", sum, sum.Rejections)
	}
}

// TestParseCap checks the configurable parser limit: a sentence longer than
// MaxParseTokens is parsed in chunks, with a diagnostic, and still gets one
// tree.
func TestParseCap(t *testing.T) {
	stages, err := NewStages(StageConfig{MaxParseTokens: 8})
	if err != nil {
		t.Fatal(err)
	}
	a, rej := Process(doc(goodArticle), Options{Stages: stages})
	if rej != nil {
		t.Fatal(rej)
	}
	capped := 0
	for _, d := range a.Diagnostics {
		if d.Code == "sentence-capped" {
			capped++
		}
	}
	if capped == 0 {
		t.Errorf("no sentence-capped diagnostic with an 8-token cap: %v", codes(a))
	}
	for si, s := range a.Sentences {
		roots := 0
		for i := s.FirstToken; i < s.EndToken; i++ {
			sx := a.Tokens[i].Syntax
			if sx == nil {
				t.Fatalf("sentence %d token %d has no parse", si, i)
			}
			if sx.Head == -1 {
				roots++
			} else if sx.Head < s.FirstToken || sx.Head >= s.EndToken {
				t.Errorf("sentence %d token %d: head %d outside the sentence", si, i, sx.Head)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d has %d roots, want 1", si, roots)
		}
	}
}
