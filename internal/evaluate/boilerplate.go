package evaluate

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BoilerplateResult is the score of a main-text extractor on a boilerplate
// data set. Precision and Recall are means over pages; F1 is their harmonic
// mean (not a mean of per-page F1s), as in the Zyte benchmark.
type BoilerplateResult struct {
	Pages     int     `json:"pages"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// ShingleCounts are the per-page shingle matching counts, normalised so that
// TP+FP+FN is 1 (or all are 0 when both texts have no shingle). Normalising
// keeps long articles from outweighing short ones.
type ShingleCounts struct {
	TP, FP, FN float64
}

// shingleSize is the n of the word n-grams compared.
const shingleSize = 4

// Tokens splits text into maximal runs of Unicode letters, digits and
// underscores: the tokens of Python's re.findall(r"\w+", text).
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i, r := range text {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// isWord reports whether r is matched by Python's Unicode \w.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Shingles returns the multiset of word 4-grams of text, each 4-gram keyed
// by its tokens joined with single spaces. A text with 1 to 3 tokens gives a
// single shingle of all its tokens; a text without tokens gives none.
func Shingles(text string) map[string]int {
	toks := Tokens(text)
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	n := max(1, len(toks)-shingleSize+1)
	for i := range n {
		m[strings.Join(toks[i:min(i+shingleSize, len(toks))], " ")]++
	}
	return m
}

// MatchShingles compares the shingles of a true and a predicted text.
func MatchShingles(truth, pred string) ShingleCounts {
	ts, ps := Shingles(truth), Shingles(pred)
	var tp, fp, fn int
	for k, t := range ts {
		p := ps[k]
		tp += min(t, p)
		fn += max(0, t-p)
	}
	for k, p := range ps {
		fp += max(0, p-ts[k])
	}
	s := float64(tp + fp + fn)
	if s == 0 {
		return ShingleCounts{}
	}
	return ShingleCounts{TP: float64(tp) / s, FP: float64(fp) / s, FN: float64(fn) / s}
}

// Precision is the page's shingle precision: 1 when nothing was wrong
// (FP = FN = 0), 0 when nothing was predicted right (TP = FP = 0).
func (c ShingleCounts) Precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall is the page's shingle recall: 1 when nothing was wrong
// (FP = FN = 0), 0 when nothing true was found (TP = FN = 0).
func (c ShingleCounts) Recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// Score aggregates per-page counts: Precision is the mean page precision
// over pages that predicted something (TP+FP > 0), Recall the mean page
// recall over pages with something to find (TP+FN > 0), F1 the harmonic
// mean of the two.
func Score(pages []ShingleCounts) BoilerplateResult {
	r := BoilerplateResult{Pages: len(pages)}
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			r.Precision += c.Precision()
			np++
		}
		if c.TP+c.FN > 0 {
			r.Recall += c.Recall()
			nr++
		}
	}
	if np > 0 {
		r.Precision /= float64(np)
	}
	if nr > 0 {
		r.Recall /= float64(nr)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// groundTruth is one entry of ground-truth.json.
type groundTruth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// maxPageBytes caps the decompressed size of one page, guarding against a
// corrupt or hostile archive.
const maxPageBytes = 64 << 20

// Boilerplate scores extract over the data set in dir, laid out as the Zyte
// article-extraction-benchmark: dir/ground-truth.json maps a page id to
// {"articleBody", "url"} and dir/html/<id>.html.gz holds the page's HTML.
// extract receives the page's HTML (decoded as UTF-8, as the benchmark does)
// and URL and returns the main text. An error from extract scores the page
// as an empty prediction; an error reading the data set is returned. Pages
// are visited in id order; extract is called from one goroutine.
func Boilerplate(dir string, extract func(html, url string) (string, error)) (BoilerplateResult, error) {
	pages, err := BoilerplatePages(dir, extract)
	if err != nil {
		return BoilerplateResult{}, err
	}
	return Score(pages), nil
}

// BoilerplatePages is Boilerplate without the aggregation: it returns each
// page's counts, in id order, for error analysis.
func BoilerplatePages(dir string, extract func(html, url string) (string, error)) ([]ShingleCounts, error) {
	ids, truth, err := readGroundTruth(dir)
	if err != nil {
		return nil, err
	}
	out := make([]ShingleCounts, 0, len(ids))
	for _, id := range ids {
		page, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("evaluate: page %s: %w", id, err)
		}
		gt := truth[id]
		pred, err := extract(page, gt.URL)
		if err != nil {
			pred = ""
		}
		out = append(out, MatchShingles(gt.ArticleBody, pred))
	}
	return out, nil
}

// BoilerplateIDs returns the data set's page ids in the order Boilerplate
// and BoilerplatePages visit them.
func BoilerplateIDs(dir string) ([]string, error) {
	ids, _, err := readGroundTruth(dir)
	return ids, err
}

func readGroundTruth(dir string) ([]string, map[string]groundTruth, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, nil, fmt.Errorf("evaluate: %w", err)
	}
	var truth map[string]groundTruth
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, nil, fmt.Errorf("evaluate: ground truth: %w", err)
	}
	if len(truth) == 0 {
		return nil, nil, errors.New("evaluate: ground truth has no page")
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		if id == "" || strings.ContainsAny(id, `/\`) || id == "." || id == ".." {
			return nil, nil, fmt.Errorf("evaluate: bad page id %q", id)
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, truth, nil
}

// readGzip returns the decompressed content of a gzip file as a string,
// with invalid UTF-8 replaced (the benchmark decodes pages as UTF-8).
func readGzip(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	b, err := io.ReadAll(io.LimitReader(zr, maxPageBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxPageBytes {
		return "", fmt.Errorf("page larger than %d bytes", maxPageBytes)
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return string(b), nil
}
