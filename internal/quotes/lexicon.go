package quotes

import "strings"

// set builds a lookup set from space-separated words.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// speechCues are verbs of saying, in every inflection, lower case. They
// introduce direct quotes ("...," he said) and indirect ones.
var speechCues = set(`say says said saying tell tells told telling add adds added adding
warn warns warned warning insist insists insisted insisting stress stresses stressed stressing
claim claims claimed claiming deny denies denied denying announce announces announced announcing
stated explain explains explained explaining note notes noted noting
argue argues argued arguing write writes wrote writing tweet tweets tweeted tweeting
report reports reported suggest suggests suggested suggesting acknowledge acknowledges
acknowledged acknowledging admit admits admitted admitting assert asserts asserted asserting
declare declares declared declaring reply replies replied replying respond responds responded
responding answer answers answered ask asks asked asking recall recalls recalled recalling
predict predicts predicted predicting promise promises promised promising vow vows vowed vowing
pledge pledges pledged confirm confirms confirmed confirming emphasize emphasizes emphasized
emphasizing emphasise emphasised observe observes observed observing remark remarks remarked
mention mentions mentioned complain complains complained complaining concede concedes conceded
conceding contend contends contended contending maintain maintains maintained reiterate
reiterates reiterated reiterating caution cautions cautioned charge charges charged allege
alleges alleged alleging boast boasts boasted boasting continue continues continued agree agrees
agreed conclude concludes concluded testify testified recount recounted joke joked jokes quip
quipped shout shouted yell yelled explain whisper whispered posted wonder wonders wondered
estimate estimates estimated declared proclaimed proclaim proclaims insist countered counter
counters retorted retort told`)

// beliefCues are verbs of thinking that report a source's position; they
// make indirect quotes only with a clause ("thinks that ...").
var beliefCues = set(`believe believes believed believing think thinks thought thinking
feel feels felt know knows knew hope hopes hoped hoping fear fears feared fearing worry worries
worried expect expects expected doubt doubts doubted suspect suspects suspected figure figures
figured guess guessed realize realizes realized realise realised understand understands
understood assume assumes assumed reckon reckons reckoned indicate indicates indicated
show shows showed signal signals signaled signalled imply implies implied`)

// tellCues take the addressee as an object before the content ("told
// reporters he would ...").
var tellCues = set(`tell tells told telling assure assures assured assuring inform informs
informed informing remind reminds reminded reminding warn warns warned warning ask asks asked
asking`)

// pronouns that can be speakers.
var subjectPronouns = set(`he she they it we i you`)

// clauseStarts are words that can open a content clause after a cue and
// its object.
var clauseStarts = set(`he she it they we i you there this these those the a an his her their its
our my your some many no all every most both any if whether how why what when`)

// adjunctWords may follow a cue before its content ("said on Monday").
var adjunctWords = set(`monday tuesday wednesday thursday friday saturday sunday yesterday today
tonight earlier later recently also again repeatedly previously publicly privately late early
last this week month year night morning afternoon evening weekend separately then now once
frankly bluntly flatly`)

// adjunctPreps open prepositional phrases that may sit between a cue and
// its content ("in a statement", "on Twitter", "at a news conference").
var adjunctPreps = set(`in on at during after before while via through`)

// preCueWords may stand between a subject and its cue ("has said", "also
// told").
var preCueWords = set(`has have had also later previously repeatedly would will once again
then recently reportedly publicly privately earlier often frequently never already just
has been is was were are did does do had not now soon first quickly n’t n't cannot can could may might should must`)

// npStop ends a noun phrase scanned backwards from a cue.
var npStop = set(`that which who whom whose because while when if as but so than after before
since although though and or nor where whether what how why to for with by from into
is was were are be been being has have had do does did will would can could should may might
must not yet said says told say added`)

// titleWords are titles and role words stripped from the front of a name
// ("Foreign Minister Laurent Fabius" -> "Laurent Fabius"); lower case.
var titleWords = set(`president vice prime minister secretary foreign deputy defense defence interior
state finance chief supreme leader ayatollah grand mr mr. mrs mrs. ms ms. dr dr. sir lord lady
king queen prince princess sheikh imam pope general gen. gen lt. lt colonel col. major maj.
captain capt. admiral adm. sergeant sgt. senator sen. sen rep. rep representative congressman
congresswoman governor gov. gov mayor judge justice chancellor premier ambassador envoy
spokesman spokeswoman spokesperson director commander official officials head chairman chairwoman
chair speaker leader senior former acting attorney candidate nominee former first lady
democratic republican democrat gop presidential house senate majority minority whip
undersecretary under assistant special adviser advisor counselor cabinet of the new retired
marine army air force navy lieutenant sec. st. saint reverend rev. father brother sister`)

// roleNouns head descriptions of people ("the minister", "a French
// diplomat"); a definite one is resolved to a named person, an indefinite
// one is an anonymous source.
var roleNouns = set(`minister leader president spokesman spokeswoman spokesperson official diplomat
source sources secretary chief head envoy ambassador adviser advisor aide aides commander general
officer officers officials diplomats negotiator negotiators analyst analysts expert experts
lawmaker lawmakers senator congressman governor mayor candidate nominee director chairman
premier chancellor king prince ayatollah cleric monarch ruler militant fighter spokesmen
insider insiders person man woman member members staffer staffers strategist strategists
operative operatives supporter supporters critic critics observer observers witness witnesses
resident residents activist activists lawyer attorney judge prosecutor prosecutors
investigator investigators researcher researchers economist economists scientist scientists
doctor doctors voter voters campaigner manager veteran journalist reporter reporters
correspondent editor columnist pollster pollsters historian professor student worker workers
employee employees executive executives`)

// personRoleNouns are role nouns that denote one person, so a definite
// description with them ("the minister") resolves to a named person.
var personRoleNouns = set(`minister leader president spokesman spokeswoman spokesperson official
diplomat secretary chief head envoy ambassador adviser advisor aide commander general officer
negotiator senator congressman governor mayor candidate nominee director chairman premier
chancellor king prince ayatollah cleric monarch ruler man woman`)

// documentNouns head non-person sources ("a statement", "the report").
var documentNouns = set(`statement statements report reports study survey poll polls letter memo
document documents release communique declaration text website article book filing complaint
lawsuit ruling order decision analysis data records record email emails post tweet video ad
announcement bulletin agency ministry department government administration campaign committee
office council commission group organization party spokesman's`)

// orgWords mark a capitalised sequence as an organisation or place, not
// a person.
var orgWords = set(`state states united nations house white council department ministry party army
forces force union kingdom republic east west north south middle government agency news network
committee assembly security league command central guard guards corps congress senate court bank
fund organization organisation office post times journal press reuters street coalition daesh
isis isil islamic al-qaeda iraq iran syria america american americans europe european arab arabs
arabia saudi emirates kurdistan baghdad tehran damascus washington paris london moscow beijing
china russia france britain germany israel turkey egypt jordan lebanon qatar pakistan india japan
fox cnn cbs nbc abc msnbc twitter facebook university college institute center centre foundation
association airport hospital church capitol hill county city river sea gulf persian convention
campaign administration federal national international democratic republican democrats
republicans gop fbi cia nato un eu us u.s. uk u.k. irna fars obamacare medicare medicaid
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december god allah caliphate iraqi iranian syrian
kurdish british french german russian chinese israeli turkish egyptian afghan afghanistan
yemen libya tunisia africa asia street avenue road square program programme act bill law
times tribune herald daily weekly magazine television radio tv online world global affairs
election elections primary primaries debate day night week year new york los angeles san
texas california florida ohio virginia pennsylvania iowa carolina michigan wisconsin arizona
nevada colorado georgia illinois hampshire jersey massachusetts maryland dakota oklahoma
kansas missouri tennessee kentucky alabama louisiana mississippi utah oregon minnesota
indiana connecticut trump's clinton's supreme court navy marine marines air`)

// nationalities and country abbreviations stripped from the front of a
// name ("Russian Foreign Minister ...", "U.S. Secretary of State ...").
var nationWords = set(`u.s. us u.k. uk un u.n. eu american british french german russian chinese
iranian iraqi syrian israeli turkish egyptian saudi kurdish afghan pakistani indian japanese
jordanian lebanese qatari emirati palestinian european arab western italian spanish canadian
australian mexican ukrainian polish dutch belgian swiss swedish norwegian danish greek`)

// femaleNames are common female first names, used to prefer a woman as the
// antecedent of "she".
var femaleNames = set(`hillary marie marzieh mary anne ann elizabeth jennifer susan sarah karen
nancy lisa linda barbara patricia jessica emily michelle kellyanne melania ivanka chelsea
huma donna debbie jill carly nikki sarah theresa angela federica catherine samantha susana
kate katie katherine laura rachel rebecca amy ashley kelly heather megyn maria anna julia
jane janet joan judith margaret dana diane dianne elaine hope huma kirsten claire loretta
condoleezza madeleine sylvia valerie ruth sonia sheila tulsi gina stephanie teresa`)

// functionWords are capitalised only because they start a sentence.
var functionWords = set(`the a an but and or so in on at for of to by with from as if when while
after before since because though although both this that these those it its his her their our
my your he she they we i you there here yet still also then however meanwhile instead even just
only now earlier later last next every each all some many most no not one two three four five
what who which where why how mr mr. according asked among despite during under over about
amid against into through without within between`)

// mediaWords head the names of news media that relay a quote.
var mediaWords = set(`agency news television tv radio network newspaper channel website paper
broadcaster outlet wire`)
