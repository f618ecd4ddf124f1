package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// loadSeeds reads the seed articles from the shared fixtures. Each
// non-blank line is a paragraph. The texts are test data: they are read
// at test time and never copied into the repository.
func loadSeeds(tb testing.TB) []*model.Article {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(sharedDir(tb), "fixtures", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Skipf("no seed articles found: %v", err)
	}
	var arts []*model.Article
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, seedArticle(filepath.Base(path), string(b)))
	}
	return arts
}

// seedArticle builds an article whose paragraphs are the non-blank lines
// of text.
func seedArticle(name, text string) *model.Article {
	a := &model.Article{SourceFile: name, Format: "txt", Text: text}
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if strings.TrimSpace(text[off:end]) != "" {
			a.Paragraphs = append(a.Paragraphs, model.Paragraph{
				Span: model.Span{Start: off, End: end}, Raw: model.NoSpan, Kind: model.KindBody,
			})
		}
		off = end + 1
	}
	return a
}

// TestSeeds segments the seed articles, checks the invariants and checks
// boundaries verified by hand. Each case names a sentence by its first
// words and gives its last words; the text itself is read from disk.
func TestSeeds(t *testing.T) {
	arts := map[string]*model.Article{}
	for _, a := range loadSeeds(t) {
		Segment(a, Options{})
		checkInvariants(t, a)
		arts[a.SourceFile[:3]] = a
	}
	tests := []struct {
		file, start, end string
		tokens           string // optional token sequence inside the sentence
	}{
		{"002", "“We will not be coordinating with Iran,”", "shortly after Khamenei’s statement.", "Khamenei | ’s | statement | ."},
		{"002", "“But as I said,", "to have a conversation.”", ""},
		{"002", "“I said no, because", "in the Islamic Republic.", "“ | I | said | no | ,"},
		{"002", "He accused Washington of seeking", "anywhere without authorisation.”", "Pakistan | — | bomb"},
		{"002", "“The alliance against Syria…", "said Iran’s leader.", "Syria | … | did | n’t"},
		{"002", "Iran rejects US-led", "coalition against IS", "US | - | led"},
		{"002", "Tehran has been the main", "armed revolt against Assad.", "three | - | and | - | a | - | half | - | year"},
		{"001", `"Today it's Iraq.`, `"Today it's Iraq.`, "it | 's | Iraq | ."},
		{"001", "But the Caliphate is", "the whole of the region.", ""},
		{"001", `"And I think our response`, "to not do that.", ""},
		{"001", "So we should mark", `against the United States."`, "ISIS | ' | first"},
		{"000", "SHAFAQNA – David Cameron", "against Islamic State militants.", "SHAFAQNA | – | David"},
		{"000", "Mr Cameron could pledge", "general assembly tomorrow.", ""},
		{"000", "“If you can kill a disbelieving", "and kill him,” he said.", ""},
		{"003", "Both King Abdullah", "militarily with the Iranians.", "said | Mr. | Kerry"},
		{"003", "“ISIL presents a serious threat", "Marie Harf, said", ", | ” | U.S. | State"},
		{"003", "Iran has refused a U.S. appeal", `including military aid.`, ""},
		{"004", "The United States launched an air strike", "seized parts of Iraq and Syria.", "the | U.S. | Central | Command"},
		{"004", "France sent jets", "U.S.-led air campaign there.", "U.S. | - | led"},
		{"004", "Senior U.S. officials said", "Islamic State targets in Syria..", "Syria | .."},
		{"004", "The U.S. House of Representatives", "and Syria’s government.", ""},
		{"004", "“To that end,", "assistance….” it said.", "assistance | …. | ” | it | said | ."},
		{"004", "“The throat-slitters of Daesh", "with us or we kill you’.", "Daesh | – | that | ’s"},
		{"004", "When one is faced", "at the end of the talks.", ""},
		{"004", "The countries that did attend", "alliance for action.", ""},
	}
	for _, tt := range tests {
		a := arts[tt.file]
		if a == nil {
			t.Errorf("seed %s missing", tt.file)
			continue
		}
		found := false
		for i, s := range a.Sentences {
			text := s.Span.In(a.Text)
			if !strings.HasPrefix(text, tt.start) {
				continue
			}
			found = true
			if !strings.HasSuffix(text, tt.end) {
				t.Errorf("%s: sentence starting %q ends %q, want end %q", tt.file, tt.start, text[max(0, len(text)-len(tt.end)-20):], tt.end)
			}
			if tt.tokens != "" {
				toks := strings.Join(tokenTexts(a.Text, a.SentenceTokens(i)), " | ")
				if !strings.Contains(toks, tt.tokens) {
					t.Errorf("%s: sentence starting %q has tokens %s, want %s inside", tt.file, tt.start, toks, tt.tokens)
				}
			}
			break
		}
		if !found {
			t.Errorf("%s: no sentence starts with %q", tt.file, tt.start)
		}
	}
}

// BenchmarkSegment segments the seed articles.
func BenchmarkSegment(b *testing.B) {
	arts := loadSeeds(b)
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			Segment(a, Options{})
		}
	}
}

// BenchmarkTokenize tokenizes the seed articles.
func BenchmarkTokenize(b *testing.B) {
	arts := loadSeeds(b)
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			Tokenize(a.Text)
		}
	}
}
