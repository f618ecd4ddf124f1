package events

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// tree builds a one-sentence article from a compact CoNLL-like text: one
// token a line, "FORM LEMMA UPOS HEAD REL [@CODE[/SECTOR]]", HEAD 1-based
// (0 for the root). A token marked @CODE is a one-token actor mention; a
// line "quote FROM TO CODE" (1-based, inclusive token numbers) adds a quote
// over those tokens spoken by CODE.
func tree(tb testing.TB, src string) *model.Article {
	tb.Helper()
	a := &model.Article{ID: "t", Published: "2014-09-15"}
	type row struct {
		form, lemma, upos, rel string
		head                   int
		actor, sector          string
	}
	var rows []row
	var quotes [][3]string
	for _, line := range strings.Split(strings.TrimSpace(src), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == "quote" {
			quotes = append(quotes, [3]string{f[1], f[2], f[3]})
			continue
		}
		if len(f) < 5 {
			tb.Fatalf("bad line %q", line)
		}
		h, err := strconv.Atoi(f[3])
		if err != nil {
			tb.Fatalf("bad head in %q", line)
		}
		r := row{form: f[0], lemma: f[1], upos: f[2], head: h, rel: f[4]}
		if len(f) > 5 && strings.HasPrefix(f[5], "@") {
			r.actor, r.sector, _ = strings.Cut(f[5][1:], "/")
		}
		rows = append(rows, r)
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(r.form)
		a.Tokens = append(a.Tokens, model.Token{Span: model.Span{Start: start, End: b.Len()}, SpaceAfter: true,
			Syntax: &model.Syntax{UPOS: r.upos, Lemma: r.lemma, Head: r.head - 1, Rel: r.rel}})
		if r.actor != "" {
			a.Mentions = append(a.Mentions, model.Mention{Span: a.Tokens[i].Span, Text: r.form, Kind: "ORG", Actor: r.actor, Sector: r.sector})
		}
	}
	a.Text = b.String()
	a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(a.Text)}, Raw: model.NoSpan, Kind: model.KindBody}}
	a.Sentences = []model.Sentence{{Span: model.Span{Start: 0, End: len(a.Text)}, FirstToken: 0, EndToken: len(a.Tokens)}}
	for i, q := range quotes {
		from, _ := strconv.Atoi(q[0])
		to, _ := strconv.Atoi(q[1])
		sp := model.Span{Start: a.Tokens[from-1].Span.Start, End: a.Tokens[to-1].Span.End}
		a.Quotes = append(a.Quotes, model.Quote{ID: fmt.Sprintf("t-q%d", i+1), Span: sp, Text: sp.In(a.Text), Kind: "direct",
			Speaker: &model.Speaker{Name: q[2], Actor: q[2], Mention: model.NoSpan}})
	}
	return a
}

// brief renders events as "SRC>TGT:CODE[:neg][:modality]" sorted by text order.
func brief(evs []model.Event) string {
	var out []string
	for _, e := range evs {
		s := e.Source.Code + ">" + e.Target.Code + ":" + e.CAMEO
		if e.Negated {
			s += ":neg"
		}
		if e.Modality != "" {
			s += ":" + e.Modality
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestPatterns(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src, want string
	}{
		{"active", `
Egypt Egypt PROPN 2 nsubj @EGY
condemned condemn VERB 0 root
Libya Libya PROPN 2 obj @LBY
. . PUNCT 2 punct`, "EGY>LBY:111"},
		{"passive with agent", `
Chile Chile PROPN 3 nsubj:pass @CHL
was be AUX 3 aux:pass
criticized criticize VERB 0 root
by by ADP 5 case
Peru Peru PROPN 3 obl:agent @PER
. . PUNCT 3 punct`, "PER>CHL:111"},
		{"coordinated subjects", `
France France PROPN 4 nsubj @FRA
and and CCONJ 3 cc
Britain Britain PROPN 1 conj @GBR
urged urge VERB 0 root
Mali Mali PROPN 4 obj @MLI
to to PART 7 mark
negotiate negotiate VERB 4 xcomp
. . PUNCT 4 punct`, "FRA>MLI:026 GBR>MLI:026"},
		{"coordinated objects", `
Japan Japan PROPN 2 nsubj @JPN
met meet VERB 0 root
with with ADP 4 case
Kenya Kenya PROPN 2 obl @KEN
and and CCONJ 6 cc
Ghana Ghana PROPN 4 conj @GHA
. . PUNCT 2 punct`, "JPN>KEN:044 JPN>GHA:044"},
		{"mutual meeting", `
Japan Japan PROPN 4 nsubj @JPN
and and CCONJ 3 cc
Kenya Kenya PROPN 1 conj @KEN
met meet VERB 0 root
. . PUNCT 4 punct`, "JPN>KEN:044 KEN>JPN:044"},
		{"prepositional target call on", `
Peru Peru PROPN 2 nsubj @PER
called call VERB 0 root
on on ADP 4 case
Chile Chile PROPN 2 obl @CHL
to to PART 6 mark
withdraw withdraw VERB 2 xcomp
. . PUNCT 2 punct`, "PER>CHL:020"},
		{"press to join", `
Norway Norway PROPN 2 nsubj @NOR
pressed press VERB 0 root
Sweden Sweden PROPN 2 obj @SWE
to to PART 5 mark
join join VERB 2 xcomp
the the DET 7 det
alliance alliance NOUN 5 obj
. . PUNCT 2 punct`, "NOR>SWE:020"},
		{"accuse of", `
Cuba Cuba PROPN 2 nsubj @CUB
accused accuse VERB 0 root
Spain Spain PROPN 2 obj @ESP
of of SCONJ 5 mark
spying spy VERB 2 advcl
. . PUNCT 2 punct`, "CUB>ESP:112"},
		{"said he had rejected", `
Nasser Nasser PROPN 2 nsubj @EGY/GOV
said say VERB 0 root
he he PRON 5 nsubj
had have AUX 5 aux
rejected reject VERB 2 ccomp
an a DET 7 det
offer offer NOUN 5 obj
from from ADP 10 case
the the DET 10 det
Sudan Sudan PROPN 7 nmod @SDN
. . PUNCT 2 punct`, "EGY>SDN:120"},
		{"noun trigger compound source", `
the the DET 4 det
Turkish Turkish ADJ 4 amod @TUR
air air NOUN 4 compound
strike strike NOUN 5 nsubj
hit hit VERB 0 root
a a DET 7 det
base base NOUN 5 obj
. . PUNCT 5 punct`, "TUR>:190"},
		{"noun trigger with target", `
the the DET 4 det
Turkish Turkish ADJ 4 amod @TUR
air air NOUN 4 compound
strike strike NOUN 0 root
against against ADP 6 case
rebels rebel NOUN 4 nmod @SYRREB/REB
. . PUNCT 4 punct`, "TUR>SYRREB:195"},
		{"possessive rejection", `
Iran Iran PROPN 3 nmod:poss @IRN
's 's PART 1 case
rejection rejection NOUN 6 nsubj
of of ADP 5 case
Qatar Qatar PROPN 3 nmod @QAT
angered anger VERB 0 root
. . PUNCT 6 punct`, "IRN>QAT:120"},
		{"negated cooperation becomes refusal", `
We we PRON 5 nsubj
will will AUX 5 aux
not not PART 5 advmod
be be AUX 5 aux
coordinating coordinate VERB 0 root
with with ADP 7 case
Oman Oman PROPN 5 obl @OMN
quote 1 7 AUS`, "AUS>OMN:120"},
		{"negated conflict stays negated", `
Chad Chad PROPN 4 nsubj @TCD
did do AUX 4 aux
not not PART 4 advmod
attack attack VERB 0 root
Niger Niger PROPN 4 obj @NER
. . PUNCT 4 punct`, "TCD>NER:190:neg"},
		{"refused to cooperate", `
Laos Laos PROPN 2 nsubj @LAO
refused refuse VERB 0 root
to to PART 4 mark
cooperate cooperate VERB 2 xcomp
with with ADP 6 case
Vietnam Vietnam PROPN 4 obl @VNM
. . PUNCT 2 punct`, "LAO>VNM:121"},
		{"modal possible", `
Fiji Fiji PROPN 3 nsubj @FJI
could could AUX 3 aux
pledge pledge VERB 0 root
aid aid NOUN 3 obj
to to ADP 6 case
Tonga Tonga PROPN 3 obl @TON
. . PUNCT 3 punct`, "FJI>TON:033:possible"},
		{"is to meet", `
Peru Peru PROPN 4 nsubj @PER
is be AUX 4 aux
to to PART 4 mark
meet meet VERB 0 root
Chile Chile PROPN 4 obj @CHL
. . PUNCT 4 punct`, "PER>CHL:036:future"},
		{"hoped to visit", `
Peru Peru PROPN 2 nsubj @PER
hoped hope VERB 0 root
to to PART 4 mark
visit visit VERB 2 xcomp
Chile Chile PROPN 4 obj @CHL
. . PUNCT 2 punct`, "PER>CHL:036:intended"},
		{"conditional", `
if if SCONJ 3 mark
Peru Peru PROPN 3 nsubj @PER
attacks attack VERB 6 advcl
Chile Chile PROPN 3 obj @CHL
, , PUNCT 6 punct
Bolivia Bolivia PROPN 7 nsubj @BOL
protests protest VERB 0 root`, "PER>CHL:190:hypothetical BOL>BOL:141"},
		{"denied", `
Peru Peru PROPN 2 nsubj @PER
denied deny VERB 0 root
attacking attack VERB 2 xcomp
Chile Chile PROPN 3 obj @CHL
. . PUNCT 2 punct`, "PER>CHL:190:neg:denied"},
		{"unresolved source dropped", `
officials official NOUN 2 nsubj
condemned condemn VERB 0 root
Libya Libya PROPN 2 obj @LBY`, ""},
		{"self event dropped", `
Chile Chile PROPN 2 nsubj @CHL
praised praise VERB 0 root
Chile Chile PROPN 2 obj @CHL`, ""},
		{"said alone is no event", `
Chile Chile PROPN 2 nsubj @CHL
said say VERB 0 root
Peru Peru PROPN 4 nsubj @PER
erred err VERB 2 ccomp`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tree(t, tc.src)
			c.Annotate(a)
			if got := brief(a.Events); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			for _, e := range a.Events {
				if e.TriggerSpan.In(a.Text) != e.Trigger || e.Span.In(a.Text) == "" || e.Date != "2014-09-15" {
					t.Errorf("bad provenance %+v", e)
				}
			}
		})
	}
}

// TestNegatedCooperationNeverPlain checks the forbidden case over every
// cooperation verb of the dictionary: "X will not VERB with Y" never gives
// a plain cooperation event.
func TestNegatedCooperationNeverPlain(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := c.dicts[0]
	n := 0
	for lemma, ps := range d.verbs {
		root := ps[len(ps)-1].Code[:2]
		if root < "03" || root > "08" {
			continue
		}
		a := tree(t, fmt.Sprintf(`
Peru Peru PROPN 4 nsubj @PER
will will AUX 4 aux
not not PART 4 advmod
%s %s VERB 0 root
with with ADP 6 case
Chile Chile PROPN 4 obl @CHL`, lemma, lemma))
		c.Annotate(a)
		for _, e := range a.Events {
			n++
			if !e.Negated && e.Root >= "03" && e.Root <= "08" {
				t.Errorf("%s: negated cooperation coded as plain %s", lemma, e.CAMEO)
			}
		}
	}
	if n == 0 {
		t.Fatal("no event coded at all")
	}
}
