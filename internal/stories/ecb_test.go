package stories

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestECB checks the clustering bars on ECB+ (odd topics), documents
// placed in sorted order as `sitrep eval clusters` places them: storylines
// against topics, event clusters against (topic, ecb|ecbplus).
func TestECB(t *testing.T) {
	docs := loadECB(t)
	r := ScoreECB(docs, Options{})
	t.Logf("ECB+ %d docs: topic B3 P %.4f R %.4f F1 %.4f (%d storylines, %d gold); event B3 P %.4f R %.4f F1 %.4f (%d clusters, %d gold); %d near-duplicates",
		r.Docs, r.TopicPrecision, r.TopicRecall, r.TopicF1, r.Storylines, r.GoldTopics, r.EventPrecision, r.EventRecall, r.EventF1, r.EventClusters, r.GoldEvents, r.NearDuplicates)
	// Floors at or just below the measured figures (sorted order:
	// topic 0.9044, event 0.8457).
	if r.TopicF1 < 0.90 {
		t.Errorf("topic B3 F1 %.4f, want >= 0.90", r.TopicF1)
	}
	if r.EventF1 < 0.84 {
		t.Errorf("event B3 F1 %.4f, want >= 0.84", r.EventF1)
	}
}

// TestECBOrder places the ECB+ documents in shuffled orders and compares
// the clusterings with the sorted-order one: B-cubed F1 of each shuffled
// clustering against the sorted one (1 = identical), and the spread of the
// gold scores.
func TestECBOrder(t *testing.T) {
	docs := loadECB(t)
	base := cluster2(docs, nil)
	var minAgreeT, minAgreeE = 1.0, 1.0
	minT, maxT, minE, maxE := 1.0, 0.0, 1.0, 0.0
	for seed := range uint64(4) {
		perm := rand.New(rand.NewPCG(seed+1, 7)).Perm(len(docs))
		got := cluster2(docs, perm)
		_, _, agreeT := BCubed(got.topic, base.topic)
		_, _, agreeE := BCubed(got.event, base.event)
		minAgreeT, minAgreeE = math.Min(minAgreeT, agreeT), math.Min(minAgreeE, agreeE)
		r := got.res
		minT, maxT = math.Min(minT, r.TopicF1), math.Max(maxT, r.TopicF1)
		minE, maxE = math.Min(minE, r.EventF1), math.Max(maxE, r.EventF1)
		t.Logf("order %d: topic F1 %.4f, event F1 %.4f; agreement with sorted order: storylines %.4f, events %.4f", seed, r.TopicF1, r.EventF1, agreeT, agreeE)
	}
	t.Logf("shuffled orders: topic F1 %.4f..%.4f, event F1 %.4f..%.4f; agreement >= %.4f (storylines), %.4f (events)", minT, maxT, minE, maxE, minAgreeT, minAgreeE)
	// Floors at or below what was measured (four orders: topic F1
	// 0.8517..0.8974, event F1 0.8376..0.8601; agreement with the sorted
	// order at least 0.8543 for storylines, 0.9557 for event clusters).
	if minT < 0.83 || minE < 0.83 {
		t.Errorf("shuffled orders: topic F1 down to %.4f, event F1 down to %.4f", minT, minE)
	}
	if minAgreeT < 0.85 || minAgreeE < 0.95 {
		t.Errorf("shuffled orders agree with the sorted one only %.4f (storylines), %.4f (events)", minAgreeT, minAgreeE)
	}
}

type clustering struct {
	topic, event []string // per document, in docs order
	res          ECBResult
}

// cluster2 places docs in the order perm gives (nil: as they are) and
// returns each document's storyline and event cluster and the scores.
func cluster2(docs []ECBDoc, perm []int) clustering {
	order := docs
	if perm != nil {
		order = make([]ECBDoc, len(docs))
		for i, j := range perm {
			order[i] = docs[j]
		}
	}
	x := NewIndex(Options{})
	for _, d := range order {
		x.Place(d.Article)
	}
	var c clustering
	var goldT, goldE []string
	for _, d := range docs {
		p, _ := x.Lookup(d.Article.ID)
		c.topic = append(c.topic, p.Storyline)
		c.event = append(c.event, p.Event)
		goldT, goldE = append(goldT, d.Topic), append(goldE, d.Event)
	}
	_, _, c.res.TopicF1 = BCubed(c.topic, goldT)
	_, _, c.res.EventF1 = BCubed(c.event, goldE)
	return c
}

func TestParseECB(t *testing.T) {
	const doc = `<Document doc_name="9_9ecbplus.xml">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="0" number="2">example</token>
<token t_id="4" sentence="1" number="0">Rain</token>
<token t_id="5" sentence="1" number="1">fell</token>
<token t_id="6" sentence="1" number="2">.</token>
<token t_id="7" sentence="2" number="0">Roads</token>
<token t_id="8" sentence="2" number="1">&amp;</token>
<token t_id="9" sentence="2" number="2">rails</token>
<Markables><ACTION_OCCURRENCE m_id="1"><token_anchor t_id="5"/></ACTION_OCCURRENCE></Markables>
</Document>`
	a, err := parseECB(strings.NewReader(doc), "9_9ecbplus.xml")
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Rain fell .\nRoads & rails" {
		t.Errorf("text %q", a.Text)
	}
	if len(a.Sentences) != 2 || len(a.Tokens) != 6 || a.Sentences[1].FirstToken != 3 {
		t.Errorf("sentences %+v, %d tokens", a.Sentences, len(a.Tokens))
	}
	for _, tok := range a.Tokens {
		if tok.Span.In(a.Text) == "" {
			t.Errorf("token span %v outside the text", tok.Span)
		}
	}
	if _, err := parseECB(strings.NewReader("<Document><token>x"), "bad.xml"); err == nil {
		t.Error("truncated XML parsed")
	}
}
