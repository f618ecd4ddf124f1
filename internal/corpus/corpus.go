package corpus

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// Load reads every document under the given directories, in sorted path
// order: .txt files as plain text and ECB+ .xml files (a <Document> of
// <token> elements) as text rebuilt from their tokens, one paragraph per
// sentence. Other files are ignored. A file that cannot be read or parsed
// is an error: corpora are trusted inputs.
func Load(dirs ...string) ([]model.Document, error) {
	var paths []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && (strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, ".xml")) &&
				!strings.EqualFold(d.Name(), "README.txt") && !strings.HasPrefix(d.Name(), "LICENSE") && !strings.HasPrefix(d.Name(), "COPYING") {
				paths = append(paths, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
	}
	sort.Strings(paths)
	docs := make([]model.Document, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		text := string(b)
		if strings.HasSuffix(p, ".xml") {
			if !strings.Contains(text[:min(len(text), 512)], "<Document") {
				continue
			}
			if text, err = ECBText(b); err != nil {
				return nil, fmt.Errorf("corpus: %s: %w", p, err)
			}
		}
		docs = append(docs, model.Document{Path: p, Format: "txt", Container: "txt", Raw: text})
	}
	return docs, nil
}

// ECBText rebuilds the text of an ECB+ document from its tokens: tokens
// joined by spaces, without a space before closing punctuation or after an
// opening one, one paragraph per sentence.
func ECBText(b []byte) (string, error) {
	var doc struct {
		Tokens []struct {
			Sentence string `xml:"sentence,attr"`
			Text     string `xml:",chardata"`
		} `xml:"token"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return "", err
	}
	var sb strings.Builder
	prevSent := ""
	noSpace := true
	for i, t := range doc.Tokens {
		if i > 0 && t.Sentence != prevSent {
			sb.WriteString("\n\n")
			noSpace = true
		}
		prevSent = t.Sentence
		w := strings.TrimSpace(t.Text)
		if w == "" {
			continue
		}
		if !noSpace && !attachesLeft(w) {
			sb.WriteByte(' ')
		}
		sb.WriteString(w)
		noSpace = w == "(" || w == "[" || w == "$" || w == "``"
	}
	return sb.String(), nil
}

// attachesLeft reports whether token w follows the previous one without a
// space.
func attachesLeft(w string) bool {
	switch w {
	case ".", ",", ":", ";", "!", "?", ")", "]", "%", "''", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m":
		return true
	}
	return false
}
