"""The words programs use about contact after the interview: what a sentence is about, what
is not the program's stance (NRMP rules, advice to programs, no-reply notices, routing), and
how contact is received (refused, unnecessary, welcome). Read by facts/policies.py."""

from __future__ import annotations

import re

from agent.facts import lazy

_I = re.IGNORECASE


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# -- what the sentence is about ----------------------------------------------------------

# Contact after the interview, named outright.
NAMED_CONTACT = lazy.pattern(
    r"thank[\s-]*(?:you|u)(?:'?s)?[\s-]*(?:notes?|letters?|e-?mails?|mails?|cards?|messages?|"
    r"correspondence|communications?)\b|\bthank[\s-]*you'?s\b|\bthank[\s-]*you\s+notes?\b"
    r"|\b(?:notes?|letters?|e-?mails?|messages?|cards?|words?)\s+of\s+(?:thanks|appreciation|"
    r"gratitude)\b|\bletters?\s+of\s+(?:intent|interest)\b|\bLOIs?\b"
    r"|\b(?:statements?|expressions?|declarations?)\s+of\s+(?:intent|interest)\b|\blove\s+letters?\b"
    r"|\brank(?:ing)?\s+intentions?\b|\bfollow[\s-]*ups\s+(?:to|with)\b"
    r"|\b(?:send|write|sending|writing)\s+(?:a|any|an?\s+\w+)\s+thank[\s-]*you\b(?!\s+(?:to|for))"
    r"|\bpost[\s-]*interview\b|\bpost[\s-]*visit\b"
    r"|\bfollow[\s-]*up\s+(?:notes?|e-?mails?|letters?|messages?|communications?|correspondence)"
    r"|\bupdates?\s+(?:to|on|about|regarding)\s+your\s+(?:application|file|cv|candidacy)"
    r"|\bapplication\s+updates?\b|\bcontact\s+policy\b"
    r"|\b(?:updates?|communications?|correspondence|e-?mails?|notes|letters|messages)\s+from\s+"
    r"(?:applicants|candidates|interviewees)\b|\bhear(?:ing)?\s+from\s+(?:applicants|candidates)\b",
    _I,
)
# Only a time: "after your interview" makes a request about contact, not a refusal of it.
AFTER_INTERVIEW = lazy.pattern(
    r"\b(?:after|following|once)\s+(?:your|the|an|our|their|each)?\s*"
    r"(?:virtual\s+|in[\s-]person\s+)?(?:interviews?|interview\s+days?|visits?|"
    r"interview\s+season)\b"
    r"|\bafter\s+you(?:'ve|\s+have)?\s+(?:interview(?:ed)?|visit(?:ed)?|leave|left)\b"
    # "correspondence afterward": something sent, then a time after the interview
    r"|\b(?:correspondence|communications?|contact|e-?mails?|notes|letters|messages|updates)\s+"
    r"(?:(?:sent|received|submitted)\s+)?(?:afterwards?|thereafter|later\s+on)\b",
    _I,
)
# Whom the applicant might contact.
PEOPLE = lazy.pattern(
    r"\b(?:faculty|interviewers?|residents|attendings?|(?:selection|interview|ranking|"
    r"recruitment|admissions)\s+committees?|committee\s+members?|program\s+directors?|PDs?|"
    r"APDs?|chiefs?|chief\s+residents?)\b",
    _I,
)
# What the applicant might send.
ITEMS = lazy.pattern(
    r"\b(?:e-?mails?|notes?|letters?|messages?|cards?|correspondence|communications?|writing|"
    r"sending|e-?mailing|statements?|expressions?|updates|materials|follow[\s-]*ups|outreach|"
    r"thank[\s-]*yous?)\b",
    _I,
)
# The applicant's file is what faculty won't read in a blinded interview; not a policy.
FILE = lazy.pattern(
    r"\b(?:blind(?:ed)?|scores?|recommendation|LoRs?|transcripts?|personal\s+statements?|MSPE|"
    r"application\s+(?:file|materials?)|applications|CV)\b",
    _I,
)

# -- text that is not the program's stance towards the applicant --------------------------

# NRMP rules and advice addressed to programs in general.
ABOUT_PROGRAMS = lazy.pattern(
    r"\bprograms\s+(?:may|must|should|shall|cannot|can'?t|can|are|will|need|ought|were|do|don'?t|"
    r"does|often|usually|typically|sometimes|generally)\b"
    r"|\b(?:prohibit|forbid|bar|allow|permit|require|encourage|advise|recommend|urge|ask)s?\s+"
    r"(?:that\s+)?(?:all\s+)?(?:residency\s+)?programs\b|\bprograms\s+(?:from|to)\s"
    r"|^\s*program\s+(?:directors|coordinators|leaders|leadership)\s*[:,]"
    r"|\b(?:dear|attention|to\s+all)\s+program\s+(?:directors|coordinators|leaders)"
    r"|\b(?:guidance|advice|recommendations?|tips|reminders?|resources?)\s+(?:for|to)\s+"
    r"(?:residency\s+)?programs\b",
    _I,
)
# A whole message written to programs (a newsletter for program leadership).
TO_PROGRAMS = lazy.pattern(
    r"\bfor\s+program\s+(?:leadership|directors|coordinators|leaders)\b"
    r"|\bdear\s+program\s+(?:directors|coordinators|leaders)\b"
    r"|\bprogram\s+directors\s+and\s+coordinators\s*[:,]",
    _I,
)
NO_REPLY = lazy.pattern(
    r"\b(?:do\s+not|don'?t|please\s+do\s+not)\s+(?:directly\s+)?(?:reply|respond)\s+(?:to\s+)?"
    r"(?:this|the)\b|\bnot\s+monitored\b|\bunmonitored\b|\bno-?reply\b"
    r"|\bautomated\s+(?:e-?mail|message|notification)|\breplies\s+(?:to\s+this|are\s+not)"
    # a confidentiality disclaimer speaks to whoever got the mail by mistake
    r"|\bintended\s+recipient|\breceived\s+(?:this|it)\s+(?:\w+\s+)?in\s+error\b",
    _I,
)
ROUTING = lazy.pattern(
    r"\b(?:instead|rather\s+than|should\s+(?:go|be\s+(?:sent|directed|addressed|forwarded))\s+to"
    r"|please\s+direct|direct\s+(?:all|any|your)\b|not\s+to\s+the\s+(?:residency\s+)?"
    r"(?:coordinator|office|program))",
    _I,
)
QUESTIONS = lazy.pattern(
    r"\b(?:questions?|inquir(?:y|ies)|concerns?|logistics|parking|travel|hotel|lodging)\b", _I
)
_NOT = (
    r"(?:will\s+not|won'?t|wont|do\s+not|don'?t|dont|does\s+not|doesn'?t|cannot|can'?t|"
    r"can\s+not|will\s+never|never|may\s+not|should\s+not|must\s+not|are\s+not\s+"
    r"(?:able|allowed|permitted|going)\s+to)"
)
# Chat and portal channels: "residents will not reply to the group chat" is about a channel.
CHAT = lazy.pattern(
    r"\b(?:group\s*(?:chat|me)|chat|slack|discord|portal|app|text\s+messages?|texts|"
    r"social\s+media|pagers?)\b",
    _I,
)
# "No response is needed on your part": the applicant need not answer; nothing is refused.
NO_ANSWER_NEEDED = lazy.pattern(
    r"\bno\s+(?:response|reply|answer)\s+(?:is\s+|will\s+be\s+)?(?:needed|necessary|required)",
    _I,
)
READ_INTO = lazy.pattern(r"\bread\s+(?:too\s+much\s+|anything\s+|much\s+|something\s+)?into\b", _I)
# The program promising not to contact the applicant: cut out, the rest is still read.
WE_WONT_CONTACT = lazy.pattern(
    r"\b(?:we|i|our\s+\w+(?:\s+\w+)?|faculty|residents|the\s+program|the\s+committee|"
    r"interviewers|no\s+one|nobody)\s+" + _NOT + r"\s+(?:be\s+)?(?:contact(?:ing)?|reach(?:ing)?"
    r"\s+out(?:\s+to)?|e-?mail(?:ing)?|call(?:ing)?|solicit(?:ing)?|ask(?:ing)?|"
    r"follow(?:ing)?\s+up\s+with|communicat\w*\s+with)\s+(?:you|applicants|candidates|"
    r"interviewees)\b"
    # ... or that the applicant will hear nothing more: "you will not receive updates from us"
    r"|\b(?:you|applicants|candidates)\s+(?:will\s+not|won'?t|wont|will\s+never|should\s+not\s+"
    r"expect\s+to)\s+(?:receive|get|hear)\b"
    r"(?!\s+(?:a\s+|any\s+)?(?:response|reply|replies|answers?|acknowledg\w*|back))[^.;]*",
    _I,
)

# -- how contact is received --------------------------------------------------------------

_VERB = (
    r"(?:send(?:ing)?|contact(?:ing)?|e-?mail(?:ing)?|reach(?:ing)?\s+out|writ(?:e|ing)|"
    r"submit(?:ting)?|forward(?:ing)?|call(?:ing)?|messag(?:e|ing)|mail(?:ing)?|"
    r"communicat(?:e|ing)|follow(?:ing)?\s+up)"
)
# Asking the applicant not to: "please do not send", "refrain from contacting".
DONT = lazy.pattern(
    r"(?:^|[,;:!.(\-–—]\s*|\b(?:please|pls|plz|kindly|and|but|so|also|you|applicants|"
    r"candidates|interviewees)\s+)(?:please\s+|pls\s+|kindly\s+)?(?:do\s+not|don'?t|dont|never)"
    r"\s+(?:\w+ly\s+)?(?:(?:attempt|try|seek)\s+to\s+)?" + _VERB + r"\b"
    r"|\b(?:refrain|abstain)\s+from\b|\bavoid\s+" + _VERB + r"\b"
    r"|(?<!free to )(?<!can )(?<!may )\bforgo\b"
    r"|\b(?:ask|request|prefer|urge|please|kindly)\w*\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:skip|spare|"
    r"omit|forgo)\b"
    # "if you don't send one, that's fine" is a condition; "if you did not" a polite request
    r"|\bif\s+(?:you|applicants|candidates)\s+(?:did|would)\s*(?:not|n't)\s+" + _VERB + r"\b"
    r"|\b(?:appreciate|grateful|thankful|prefer)\w*\s+(?:it\s+)?if\s+(?:you|applicants|candidates)"
    r"\s+(?:do|did|would)\s*(?:not|n't)\s+" + _VERB + r"\b"
    r"|\brather\s+(?:you|applicants|candidates)\s+(?:did\s*(?:not|n't)|not)\s+" + _VERB + r"\b"
    r"|\b(?:should|must|is\s+to|are\s+to)\s+be\s+avoided\b"
    r"|\bavoid\s+(?:any|all|further|additional)?\s*(?:post[\s-]*interview\s+)?(?:contact|"
    r"communications?|correspondence|outreach|e-?mails?|notes|letters|messages)\b"
    r"|\bif\s+(?:you|applicants|candidates)\s+(?:would\s+)?refrain(?:ed)?\b"
    r"|\bnot\s+to\s+be\s+(?:contacted|e-?mailed|called|messaged|approached|sent)\b"
    r"|\bno\s+(?:more\s+|further\s+)?(?:e-?mails?|notes|letters|calls|messages|cards|contact)\s+"
    r"(?:to|with)\s+(?:the\s+|your\s+|our\s+|any\s+)?(?:faculty|interviewers?|residents|"
    r"attendings?|(?:selection\s+)?committee|program\s+director)\b"
    r"|\b(?:should|must|may|can)\s*(?:not|n't)\s+be\s+(?:contacted|e-?mailed|called|messaged|"
    r"approached|sent)\b"
    r"|\bhold\s+off\s+(?:on\s+)?" + _VERB + r"\b"
    r"|(?:^|[,;:!.(\-–—]\s*)\W*(?:just\s+|please\s+|simply\s+)?(?:skip|forgo)\s+(?:the|any|all|"
    r"your|sending|writing)\b"
    r"|\b(?:ask|request|remind|prefer|advise|urge|instruct|tell|encourage|best|better|"
    r"important|kindly|please|wise|grateful|appreciate)\w*\s+(?:\w+\s+){0,3}?"
    r"not\s+to\s+"
    r"(?:\w+ly\s+)?" + _VERB + r"\b"
    r"|\bthat\s+(?:you|applicants|candidates|interviewees)\s+(?:do\s+)?not\s+" + _VERB + r"\b"
    r"|\b(?:you|applicants|candidates|interviewees)\s+(?:should|must|may|are\s+(?:asked|"
    r"requested))\s*(?:not|n't)\s+(?:to\s+)?(?:\w+ly\s+)?" + _VERB + r"\b",
    _I,
)
# Refusing it: not accepted, read, opened or answered; discarded.
REFUSED = lazy.pattern(
    r"(?:\bnot|n't|\bnever)\s+(?:be(?:ing)?\s+)?"
    r"(?:accepted|read|opened|answered|acknowledged|forwarded|"
    r"returned|responded\s+to|replied\s+to|passed\s+(?:on|along)|delivered)\b"
    r"|(?:\b(?:will|would|do|does|can|shall|is|are)\s*(?:not|n't)|\bwon'?t|\bwont|\bcannot|"
    r"\bunable\s+to|\bnever)\s+(?:be\s+able\s+to\s+|able\s+to\s+|personally\s+|be\s+)?"
    r"(?:accept|read|open|"
    r"respond|reply|answer|acknowledge|forward|pass\s+(?:on|along)|look\s+at|receive)\b"
    r"|\bnot\s+to\s+(?:open|read|respond|reply|answer|accept|receive)\b"
    r"|(?:\bdo|\bdoes)\s*(?:not|n't)\s+(?:want|wish)\s+to\s+(?:receive|get|see|read)\b"
    r"|\b(?:we|i|faculty|interviewers|the\s+(?:program|committee|department)|our\s+\w+)\s+"
    r"(?:do|does|will|can|would)\s*(?:not|n't)\s+(?:take|receive)\b"
    r"|\b(?:we|i|faculty|interviewers)\s+(?:won'?t|wont|cannot|can'?t)\s+(?:take|receive)\b"
    r"|(?:\bnot|n't|\bnever)\s+(?:be\s+)?(?:included|added|placed|filed|kept|put)\s+(?:in|to|into|"
    r"with)\s+(?:your|the|an?|any)\s+(?:\w+\s+)?(?:file|application|record|packet|dossier)s?\b"
    r"|(?:\bnot|n't|\bnever)\s+(?:be\s+)?(?:shared\s+with|seen\s+by|sent\s+(?:on\s+)?to|given\s+to)"
    r"\s+(?:the\s+|our\s+|any\s+|your\s+)?(?:\w+\s+)?(?:committee|faculty|interviewers?|"
    r"program\s+director)\b"
    r"|\b(?:discard|delet|shred|destroy|recycl|trash)\w*|\bthrown?\s+(?:out|away)\b"
    r"|\b(?:in|into|to)\s+the\s+(?:bin|garbage|wastebasket|waste\s*basket|shredder)\b"
    r"|\breturned\s+(?:to\s+(?:the\s+)?sender|unopened|unread)\b|\bbe\s+returned\b"
    r"|\b(?:be|are|is|get|gets|been)\s+(?:\w+\s+)?(?:declined|rejected|refused|blocked|"
    r"turned\s+away)\b|\b(?:never|not|n't)\s+make\s+it\s+to\b"
    r"|(?:\bnot|n't)\s+(?:permit|allow)\s+(?:\w+\s+){0,3}?to\s+(?:reply|respond|answer|accept|"
    r"read|open|receive)\b"
    r"|\bun(?:read|opened|answered)\b|\bwithout\s+(?:being\s+)?(?:read|opened|reviewed)\b"
    r"|(?:\bnot|n't|\bno\s+longer)\s+(?:be\s+)?(?:accepting|reading|opening|answering|"
    r"responding\s+to|replying\s+to|forwarding)\b|\bno\s+longer\s+(?:accept|read|open|answer|"
    r"respond|reply|forward)\b"
    r"|\b(?:we|i)\s+(?:do\s+not|don'?t)\s+do\b"
    r"|\b(?:will|would|shall|instructed\s+to|asked\s+to|told\s+to)\s+(?:\w+\s+)?(?:ignore|"
    r"disregard)\b|\b(?:be(?:ing)?|are|is|get)\s+(?:\w+\s+)?(?:ignored|disregarded)\b"
    r"|\b(?:none\s+of\s+(?:our|the)\s+\w+|no\s+one|nobody|no\s+(?:faculty|interviewers?|"
    r"committee)(?:\s+members?)?)(?:\s+(?:on|in|from)\s+(?:the|our)\s+\w+)?\s+(?:will|would|can)\s+"
    r"(?:ever\s+)?(?:read|open|respond|reply|"
    r"answer|see|accept)\b"
    r"|(?:\bnot|n't)\s+welcome\b|\bnone,?\s+please\b|\bplease,?\s+none\b|:\s*none\b"
    r"|\bplease\s+(?:do\s+not|don'?t)\s*(?:[.!;]|$)",
    _I,
)
# What follows a request not to write, when it limits the request (see _limited).
ONLY_CHANNEL = lazy.pattern(
    r"[^.;]{0,60}?\b(?:through|via|using|in|on|with|to)\s+(?:the\s+|our\s+|your\s+|my\s+)?"
    r"(?:[\w-]+\s+){0,3}?"
    r"(?:portal|message\s+cent(?:er|re)|messaging|platform|app|inbox|system|thalamus|eras|"
    r"interview\s+broker|feature|chat|text(?:s|\s+messages?)?|mailbox|social\s+media|"
    r"(?:mailing|street|home|hospital|office)\s+address(?:es)?|(?:cell\s*)?phones?|pagers?|"
    r"(?:phone\s+)?numbers?)\b",
    _I,
)
ONLY_TOPIC = lazy.pattern(
    r"[^.;]{0,40}?\b(?:about|regarding|concerning|to\s+ask\s+about|asking\s+about)\s+"
    r"(?:your\s+|the\s+|our\s+)?(?:\w+\s+)?"
    r"(?:rank(?:ing)?|status|where\s+you|reimburse\w*|travel|parking|logistics|schedul\w*|"
    r"invitations?|waitlist|interview\s+(?:dates?|invitations?)|social|dinner|events?|happy\s+hour|"
    r"second\s+looks?|hotel|directions|visas?|contracts?|benefits|salary|call\s+schedules?)\b"
    # or to one kind of paper: "don't email me your receipts"
    r"|\s+(?:me\s+|us\s+)?(?:your\s+|any\s+|the\s+|additional\s+|more\s+|extra\s+)?(?:\w+\s+)?"
    r"(?:receipts?|documents?|cvs?|paperwork|forms?|transcripts?|scores?|photos?|headshots?|"
    r"applications?|files?|(?:letters?\s+of\s+)?recommendations?|slides|presentations?|gifts?|"
    r"flowers|food|packages?|swag|originals|copies|videos?|recordings?)\b"
    # or to someone outside the program: "do not contact the hotel"
    r"|\s+(?:the\s+|our\s+|any\s+)?(?:hotel|airline|front\s+desk|shuttle|parking\s+office|"
    r"security|nrmp|eras|ecfmg|aamc|thalamus|vendor|help\s*desk|it\s+department)\b",
    _I,
)
# Forbidding it: only said of contact after the interview, or of mail to the interviewers.
FORBIDDEN = lazy.pattern(
    r"(?:\bnot|n't)\s+(?:permitted|allowed)\b|\bprohibited\b|\bforbidden\b"
    r"|\bunder\s+no\s+circumstances\b|(?:\bnot|n't)\s+appropriate\b|\binappropriate\b"
    r"|\bagainst\s+(?:our|the|program|departmental)\s+(?:\w+\s+)?polic(?:y|ies)\b",
    _I,
)
# "No thank-you notes", "a strict no post-interview contact policy".
NO_SUCH = lazy.pattern(
    r"\b(?:no|zero)[\s-]+(?:more\s+|further\s+)?(?:thank[\s-]*you|letters?\s+of\s+(?:intent|interest)|LOIs?|"
    r"post[\s-]*interview|follow[\s-]*up|contact|communication|correspondence)\b",
    _I,
)
NEEDED = lazy.pattern(r"\b(?:necessary|needed|required|expected|obligat\w*|need)\b", _I)
UNNEEDED = lazy.pattern(
    r"(?:\bnot|n't)\s+(?:at\s+all\s+|really\s+|strictly\s+)?(?:necessary|needed|required|expected|"
    r"mandatory|obligatory|a\s+requirement|part\s+of)\b|\bunnecessary\b|\bno\s+need\b|"
    r"(?:\bnot|n't)\s+(?:be\s+)?expecting\b|"
    r"\bneed\s+not\b|\bneedn'?t\b"
    r"|\b(?:do|does|will)\s*(?:not|n't)\s+(?:\w+\s+)?(?:need|have)\s+to\b"
    r"|\b(?:do|does)\s*(?:not|n't)\s+(?:expect|require)\b|\bneither\s+(?:expected|required|"
    r"necessary|needed|require|requires)\b|\bnor\s+(?:expected|required|expect|necessary)\b"
    r"|\boptional\b|\bno\s+expectation\b|(?:\bnot|n't)\s+a\s+factor\b"
    r"|\b(?:no|any|zero)\s+(?:effect|bearing|impact|influence|weight|role|place|part)\b"
    r"|\b(?:do|does)\s*(?:not|n't)\s+(?:really\s+|actually\s+)?need\b"
    r"|(?:\bnot|n't)\s+(?:solicited|requested)\b|\bnor\s+(?:will|do|does|are|is|would|can)\s+"
    r"(?:they|it|these|those|such\s+\w+)\s+(?:be\s+)?(?:considered|factor|factored|affect|"
    r"influence|count|used|change|matter)"
    r"|(?:\bnot|n't|\bwont|\bnever)\s+(?:\w+\s+)?(?:affect|influence|impact|change|alter|factor|"
    r"count|help|hurt|improve|harm|play\s+a\s+role|make\s+(?:a|any)\s+difference|be\s+"
    r"(?:considered|factored|taken\s+into\s+(?:account|consideration)|used)|considered|factored|"
    r"used\s+in)\b|\bneither\s+help\s+nor\s+hurt\b"
    r"|\bkeep\s+(?:[\w'-]+\s+){0,6}?(?:brief|short|concise)\b|\bplease\s+limit\b"
    r"|\blimit\s+(?:your\s+|the\s+)?(?:post[\s-]*interview\s+)?(?:contact|"
    r"communications?|e-?mails?|correspondence|notes)\b|\bto\s+a\s+minimum\b|\bminimi[sz]e\b"
    r"|\b(?:do\s+not|don'?t|dont|need\s+not|no\s+need\s+to)\s+feel\s+(?:obligated|obliged|"
    r"pressured|pressure|compelled|the\s+need|like\s+(?:you|they)\s+(?:need|have|must))"
    r"|(?:\bnot|n't)\s+obligated\b"
    r"|\bno\s+obligation\b|\b(?:do\s+not|don'?t|dont)\s+bother\s+(?:\w+ing)\b"
    r"|\bno\s+more\s+than\s+(?:one|a\s+single|a\s+brief)\b|\b(?:do\s+not|don'?t|dont)\s+(?:worry|stress|bother)\s+(?:about|with)\b"
    r"|\bdiscourag\w*|\bmakes?\s+no\s+difference\b|\bno\s+difference\b|\birrelevant\b"
    r"|(?:\bnot|n't)\s+matter\b|(?:\bnot|n't)\s+(?:keep\s+track|track|record|tally)\b"
    r"|\bby\s+no\s+means\b|\bin\s+no\s+way\b|\bno\s+pressure\b"
    r"|\b(?:feel\s+free\s+to|can|may|should)\s+(?:\w+\s+)?(?:skip|forgo|pass\s+on)\b",
    _I,
)
WELCOME = lazy.pattern(
    r"\b(?:are|is|be|'re|always|more\s+than|very|totally|absolutely|certainly|most|quite|"
    r"still|also|of\s+course)\s+(?:\w+\s+)?welcomed?\b|\bwelcomes?\s+(?:thank|letters|notes|"
    r"e-?mails|updates|your|any|applicants?\s+to)|\bwelcome\s+to\s+(?:send|contact|e-?mail|"
    r"reach|write|forward|share)\b|\bfeel\s+free\s+to\s+(?!skip|forgo|pass\s+on|not\b|ignore|ask\b)"
    r"|\b(?:never|not)\s+unwelcome\b|\b(?:read|open|see|enjoy|appreciate)s?\s+(?:every|each|all)\b"
    r"|\b(?:happy|glad|delighted|pleased|nice|great|lovely|wonderful)\s+to\s+(?:receive|read|hear|"
    r"pass|forward|share|get|"
    r"deliver)\b|\bhappily\s+(?:pass|forward|share|deliver)\b"
    r"|\b(?:you|applicants|candidates)(?:'re|\s+are)\s+free\s+to\b|\bfree\s+to\s+do\s+so\b"
    r"|\b(?:notes?|letters?|e-?mails?|messages?|cards?|thank[\s-]*you\w*|they|these|those|it)\s+"
    r"(?:\w+\s+){0,3}?(?:will|'ll|shall|can|would)\s+(?:gladly\s+|happily\s+|certainly\s+|"
    r"always\s+|then\s+)?be\s+(?:passed|forwarded|shared|delivered|distributed|routed|given)\s+"
    r"(?:on\s+|along\s+)?to\b"
    r"|\b(?:you|applicants|candidates)(?:'ll|\s+will)\s+be\s+able\s+to\s+(?:send|contact|e-?mail|"
    r"reach\s+out|write|message)\b"
    r"|\b(?:you|applicants|candidates)\s+(?:may|can|could|are\s+(?:free|invited|encouraged)\s+to)"
    r"\s+(?:also\s+)?(?:send|contact|e-?mail|reach\s+out|write|forward|share|direct|submit|"
    r"mail|address)\b|\b(?:encourage|invite)[sd]?\s+(?:you|applicants|candidates)\s+to\b"
    r"|\b(?:are|is|be|always|much|greatly|very|truly|certainly)\s+appreciated\b"
    r"|\b(?:can|may)\s+(?:also\s+)?be\s+(?:sent|e-?mailed|addressed|forwarded|"
    r"mailed|directed|given)\b"
    r"|\b(?:love|like|enjoy|appreciate)\w*\s+(?:to\s+)?hear(?:ing)?\s+from\b"
    r"|\b(?:love|like|enjoy|appreciate)s?\s+(?:getting|receiving|reading)\b"
    r"|\bnice\s+(?:touch|gesture)\b|\bat\s+your\s+discretion\b"
    r"|\bdrop\s+(?:them|us|me|him|her)\s+a\s+(?:line|note)\b"
    r"|\b(?:do|does|will)\s+(?:read|see|appreciate|enjoy)\s+(?:them|it|each|every|all|any)\b"
    r"|\b(?:we|i|faculty|the\s+program)\s+(?:(?:gladly|happily|do|will|always|still|certainly)\s+)?"
    r"(?:accept|welcome)\b"
    # the applicant's act encouraged ("residents are encouraged to reach out" is theirs)
    r"|\b(?:reaching\s+out|contacting|e-?mailing|writing|sending|following\s+up|updates|notes|"
    r"letters|thank[\s-]*yous?)\b[^.;]{0,60}?\b(?:is|are)\s+(?:strongly\s+|highly\s+|very\s+|"
    r"always\s+)?encouraged\b"
    r"|\bdon'?t\s+hesitate\s+to\s+(?:reach\s+out|contact|e-?mail|write|send|stay\s+in\s+touch)"
    r"|\bstay\s+(?:in\s+touch|connected)\b"
    r"|\bif\s+you(?:'d|\s+would)?\s+(?:\w+ly\s+)?(?:wish|like|prefer|want)\b"
    r"|\b(?:pass|forward|deliver|share|route|distribute)\s+(?:it|them|these|those|any|"
    r"your\s+\w+(?:\s+\w+)?)\b|\bget\s+(?:it|them)\s+to\b"
    r"|\b(?:should|if)\s+you(?:'d|\s+would)?\s+(?:\w+ly\s+)?(?:like|wish|want|choose|decide|"
    r"prefer|care)"
    r"\s+to\s+"
    r"(?:send|write|reach|contact|e-?mail|share|follow\s+up)\b",
    _I,
)
# An imperative that invites contact: "Email any of your interviewers", "send it to me".
INVITE = lazy.pattern(
    r"(?:^|[.!;:,]\s*)\W*(?:please\s+|just\s+|simply\s+|do\s+)?(?:feel\s+free\s+to\s+)?"
    r"(?:(?:e-?mail|contact|reach\s+out\s+to|write\s+to|message|call)\s+(?:any\s+of\s+)?"
    r"(?:your|our|the)\s+(?=[^.;]*\b(?:faculty|interviewers?|residents|attendings?|chiefs?|"
    r"chief\s+residents|program\s+director|committee)\b)"
    r"|(?:send|e-?mail|forward|address|direct|give|submit)\s+(?:it|them|these|those|one|any|"
    r"(?:your\s+|all\s+|any\s+)?(?:notes?|letters?|updates?|thank[\s-]*you\w*)))\b",
    _I,
)
# "neither requested nor reviewed": either word a refusal, else not needed.
NEITHER = lazy.pattern(r"\bneither\s+(?:be\s+)?(\w+)\s+nor\s+(?:be\s+)?(\w+)", _I)
REFUSAL_WORDS = _set("accepted read opened answered acknowledged forwarded returned reviewed")
# Reviewing is refused only for what the applicant sends after the interview, never for the
# application file ("interviewers will not review your file": a blinded interview).
NOT_REVIEWED = lazy.pattern(
    r"(?:\bnot|n't|\bnever)\s+(?:be(?:ing)?\s+)?(?:reviewed|seen|shared\s+with)\b"
    r"|(?:\bwill|\bdo|\bdoes|\bwo)"
    r"\s*(?:not|n't)\s+(?:review|see)\b",
    _I,
)

# -- stance by proximity: a negation a few words before a verb of receiving or of weighing --


NEGATIONS = _set(
    "not no never none neither nor without cannot can't won't wont don't dont doesn't isn't "
    "aren't wasn't weren't shouldn't couldn't wouldn't didn't nothing zero unable"
)
# "not be read", "without reading", "no response": the program refuses what is sent.
RECEIVING = _set(
    "accept accepted accepting read reading open opened opening respond responded responding "
    "response responses reply replied replying replies answer answered answering acknowledge "
    "acknowledged forward forwarded forwarding passed review reviewed reviewing seen opens reads "
    "answers responds replies accepts reviews forwards entertain entertained engage engaging "
    "check checked checking checks processed view viewed distribute distributed "
    "deliver delivered wanted desired"
)
# "no weight", "not a factor", "won't hold it against you": unnecessary, not refused.
WEIGHING = _set(
    "affect affects affected influence influences impact impacts count counts counted weight "
    "factor factors factored matter matters help helps hurt hurts role part bearing effect "
    "difference considered consider needed necessary required require requirement expected "
    "expect expectation obligated obliged obligation mandatory essential advantage "
    "disadvantage against change changes used sway consideration account break criterion "
    "considering weigh weighed weighing "
    "criteria edge boost boosts prerequisite"
)
HEDGES = _set("may might")  # "may not be able to respond to every message"
NEAR = 6  # words between the negation and the verb
