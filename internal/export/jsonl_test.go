package export

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func TestWriteJSONL(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(id, text, published string) *model.Article {
		return &model.Article{ID: id, ContentHash: id + strings.Repeat("0", 64-len(id)), SourceFile: id + ".txt",
			Format: "txt", Text: text, Published: published, Language: "en",
			Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}}
	}
	if _, err := st.PutArticles(context.Background(), []*model.Article{
		mk("aaaa", "Talks resumed on Monday.", "2020-01-06"), mk("bbbb", "Talks stalled.", "")}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSONL(context.Background(), st, &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), b.String())
	}
	var first, second map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if first["type"] != "article" || first["id"] != "aaaa" || first["published"] != "2020-01-06" || first["paragraphs"].(float64) != 1 {
		t.Errorf("first record %v", first)
	}
	if v, ok := second["published"]; !ok || v != nil {
		t.Errorf("an undated article must export \"published\": null, got %v (present %v)", v, ok)
	}
	for _, k := range []string{"type", "id", "source_file", "outlet", "title", "author", "dateline", "published", "language", "text", "paragraphs", "sentences"} {
		if _, ok := second[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
}
