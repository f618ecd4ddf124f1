package stories

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// ECBDoc is one ECB+ document with its gold clusters.
type ECBDoc struct {
	// Name is the file name ("1_10ecb.xml").
	Name string
	// Topic is the gold storyline (the topic folder); Event the gold event
	// cluster: the topic and "ecb" or "ecbplus" (two different events of
	// the topic).
	Topic string
	Event string
	// Article holds the document's tokens as text, tokens and sentences
	// (one paragraph); it has no date.
	Article *model.Article
}

// ECBResult is the B-cubed score of a clustering of ECB+ documents.
type ECBResult struct {
	Docs           int     `json:"docs"`
	TopicF1        float64 `json:"topic_b3_f1"`
	EventF1        float64 `json:"event_b3_f1"`
	TopicPrecision float64 `json:"topic_b3_precision"`
	TopicRecall    float64 `json:"topic_b3_recall"`
	EventPrecision float64 `json:"event_b3_precision"`
	EventRecall    float64 `json:"event_b3_recall"`
	Storylines     int     `json:"storylines"`
	EventClusters  int     `json:"event_clusters"`
	GoldTopics     int     `json:"gold_topics"`
	GoldEvents     int     `json:"gold_events"`
	NearDuplicates int     `json:"near_duplicates"`
}

// LoadECB reads an ECB+ directory: one folder per topic holding
// N_Mecb.xml and N_Mecbplus.xml files. Documents come in sorted order
// (topic folder, then file name).
func LoadECB(dir string) ([]ECBDoc, error) {
	topics, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var docs []ECBDoc
	for _, t := range topics {
		if !t.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, t.Name(), "*.xml"))
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		for _, f := range files {
			base := filepath.Base(f)
			sub := ""
			switch {
			case strings.HasSuffix(base, "ecbplus.xml"):
				sub = "ecbplus"
			case strings.HasSuffix(base, "ecb.xml"):
				sub = "ecb"
			default:
				continue
			}
			a, err := readECB(f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			docs = append(docs, ECBDoc{Name: base, Topic: t.Name(), Event: t.Name() + "/" + sub, Article: a})
		}
	}
	if len(docs) == 0 {
		return nil, errors.New("no ECB+ documents (N_Mecb.xml, N_Mecbplus.xml) under " + dir)
	}
	slices.SortStableFunc(docs, func(a, b ECBDoc) int {
		ta, _ := strconv.Atoi(a.Topic)
		tb, _ := strconv.Atoi(b.Topic)
		if ta != tb {
			return ta - tb
		}
		return strings.Compare(a.Name, b.Name)
	})
	return docs, nil
}

// readECB builds an article from the tokens of one ECB+ XML file: tokens
// joined by spaces, sentences by new lines, one paragraph.
func readECB(path string) (*model.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseECB(f, filepath.Base(path))
}

// parseECB reads ECB+ token elements from r.
func parseECB(r io.Reader, name string) (*model.Article, error) {
	dec := xml.NewDecoder(r)
	var b strings.Builder
	a := &model.Article{SourceFile: name, Format: "xml", Language: "en"}
	curSent := ""
	inTok := false
	sentAttr := ""
	var tok strings.Builder
	urlSent := "\x00"
	for {
		t, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch e := t.(type) {
		case xml.StartElement:
			if e.Name.Local == "token" {
				inTok = true
				tok.Reset()
				sentAttr = ""
				for _, at := range e.Attr {
					if at.Name.Local == "sentence" {
						sentAttr = at.Value
					}
				}
			}
		case xml.CharData:
			if inTok {
				tok.Write(e)
			}
		case xml.EndElement:
			if e.Name.Local != "token" || !inTok {
				continue
			}
			inTok = false
			s := strings.Join(strings.Fields(tok.String()), "")
			if s == "" {
				continue
			}
			if sentAttr == urlSent {
				continue
			}
			if len(a.Tokens) == 0 && (s == "http" || s == "https") {
				// ECB+ documents open with their address as a first
				// "sentence" of tokens; it is not article text.
				urlSent = sentAttr
				continue
			}
			if len(a.Sentences) == 0 || sentAttr != curSent {
				if n := len(a.Sentences); n > 0 {
					a.Sentences[n-1].EndToken = len(a.Tokens)
					a.Sentences[n-1].Span.End = a.Tokens[len(a.Tokens)-1].Span.End
					b.WriteByte('\n')
				}
				curSent = sentAttr
				a.Sentences = append(a.Sentences, model.Sentence{Span: model.Span{Start: b.Len()}, FirstToken: len(a.Tokens)})
			} else {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(s)
			a.Tokens = append(a.Tokens, model.Token{Span: model.Span{Start: start, End: b.Len()}, SpaceAfter: true})
		}
	}
	if n := len(a.Sentences); n > 0 {
		a.Sentences[n-1].EndToken = len(a.Tokens)
		a.Sentences[n-1].Span.End = a.Tokens[len(a.Tokens)-1].Span.End
	}
	a.Text = b.String()
	a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(a.Text)}, Raw: model.NoSpan, Kind: model.KindBody}}
	a.ID = articleID(a)
	return a, nil
}

// ScoreECB places docs into a new index in the order given and scores its
// storylines against the gold topics and its event clusters against the
// gold events.
func ScoreECB(docs []ECBDoc, opts Options) ECBResult {
	x := NewIndex(opts)
	predTopic := make([]string, len(docs))
	predEvent := make([]string, len(docs))
	goldTopic := make([]string, len(docs))
	goldEvent := make([]string, len(docs))
	res := ECBResult{Docs: len(docs)}
	for _, d := range docs {
		if p := x.Place(d.Article); p.DuplicateOf != "" {
			res.NearDuplicates++
		}
	}
	for i, d := range docs {
		// Two files with the same text are one article to the index and
		// share its placement.
		p, _ := x.Lookup(d.Article.ID)
		predTopic[i], predEvent[i] = p.Storyline, p.Event
		goldTopic[i], goldEvent[i] = d.Topic, d.Event
	}
	res.TopicPrecision, res.TopicRecall, res.TopicF1 = BCubed(predTopic, goldTopic)
	res.EventPrecision, res.EventRecall, res.EventF1 = BCubed(predEvent, goldEvent)
	res.Storylines, res.EventClusters = distinct(predTopic), distinct(predEvent)
	res.GoldTopics, res.GoldEvents = distinct(goldTopic), distinct(goldEvent)
	return res
}

// EvalECB loads the ECB+ directory and scores the clustering of its
// documents placed in sorted order.
func EvalECB(dir string, opts Options) (ECBResult, error) {
	docs, err := LoadECB(dir)
	if err != nil {
		return ECBResult{}, err
	}
	return ScoreECB(docs, opts), nil
}

func distinct(xs []string) int {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return len(m)
}

// BCubed returns the B-cubed precision, recall and F1 of a predicted
// clustering against a gold one: item i is in cluster pred[i] and gold
// cluster gold[i].
func BCubed(pred, gold []string) (p, r, f float64) {
	n := len(pred)
	if n == 0 || len(gold) != n {
		return 0, 0, 0
	}
	type pair struct{ p, g string }
	both := map[pair]int{}
	np := map[string]int{}
	ng := map[string]int{}
	for i := range pred {
		both[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	for i := range pred {
		c := float64(both[pair{pred[i], gold[i]}])
		p += c / float64(np[pred[i]])
		r += c / float64(ng[gold[i]])
	}
	p /= float64(n)
	r /= float64(n)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
