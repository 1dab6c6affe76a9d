"""Who a message is from, for finding programs: the domains that are nobody's program (mail
hosts, match and exam bodies, the applicant's school), the words that mark scheduling mail,
and a program's name as it writes it. Pure functions of text and addresses."""

from __future__ import annotations

import re

from agent.facts import lazy
from agent.facts.matching import domain_of, is_platform

# Anyone can have an address there: a mail host is never a program's own domain.
MAIL_HOSTS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.net",
        "mail.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "fastmail.com",
        "hey.com",
        "zoho.com",
        "yandex.com",
        "qq.com",
        "163.com",
    ]
)
# Bodies of the match and of medical education: their notices name no program of their own.
NOT_PROGRAMS = frozenset(
    [
        "nrmp.org",
        "aamc.org",
        "ecfmg.org",
        "nbme.org",
        "usmle.org",
        "ama-assn.org",
        "acponline.org",
        "acgme.org",
        "doximity.com",
        "linkedin.com",
        "medscape.com",
        "nejm.org",
        "jamanetwork.com",
        "studentdoctor.net",
        "residencyexplorer.org",
        "freida.ama-assn.org",
    ]
)
_SECOND_LEVEL = {"co", "ac", "edu", "org", "com", "gov", "net", "nhs", "med"}

# Subject words of scheduling mail: invitations, confirmations, reminders, itineraries.
SCHEDULING = lazy.pattern(
    r"\b(?:interview\w*|invit\w*|itinerar\w*|schedul\w*|confirm\w*|reschedul\w*|"
    r"residency|program|match|rank\w*|visit|second\s+look)\b",
    re.IGNORECASE,
)
INVITATION = lazy.pattern(r"\binvit\w*", re.IGNORECASE)
CONFIRMATION = lazy.pattern(r"\b(?:confirm\w*|reminder|itinerar\w*|schedule)\b", re.IGNORECASE)
# An interview named in a subject: the mark of a program's mail, not a newsletter's.
INTERVIEW_SUBJECT = lazy.pattern(
    r"\binterview\w*|\bitinerar\w*|\binvit\w+\b.*\b(?:to\s+)?interview", re.IGNORECASE
)
BULK = lazy.pattern(
    r"\b(?:newsletter|digest|webinar|weekly|monthly|bulletin|unsubscribe|sale|% off|podcast|"
    r"tips|survey|journal|issue|edition)\b",
    re.IGNORECASE,
)
BULK_SENDER = lazy.pattern(
    r"^(?:news|newsletter|marketing|mailer|bulletin|digest|list|listserv|announce\w*|promo\w*)"
    r"|-(?:request|bounces)$",
    re.IGNORECASE,
)
# A display name that is an institution rather than a person.
INSTITUTION = lazy.pattern(
    r"\b(?:residency|program|GME|graduate\s+medical|medicine|hospital|health|medical|"
    r"university|college|clinic)\b",
    re.IGNORECASE,
)

# A capitalised word; a dot only in "St." and the like (a full stop ends the name).
_CAP = r"(?:(?:St|Mt|Ft)\.|[A-Z][\w'’-]*)"
_JOIN = r"(?:of|at|and|&|for|the|in|de|la|-|–)"
# "Harbor City Hospital Internal Medicine Residency Program"
_NAMED = lazy.pattern(
    rf"(?<![\w'’]){_CAP}(?:[ \t]+(?:{_CAP}|{_JOIN}))*?[ \t]+(?:Residency(?:[ \t]+Program)?"
    rf"|Program(?=[ \t]*(?:[,.;:!)\n]|$|[ \t]+at[ \t])))"
    # "... Residency Program at Kestrel University Hospital"
    rf"(?:[ \t]+at[ \t]+(?:the[ \t]+)?{_CAP}(?:[ \t]+(?:{_CAP}|of|and|&|-|–))*)?",
)
# Capitalised words that open a sentence or a greeting, not a name.
_LEADING = {
    w.lower()
    for w in """The Our Your This That These Thank Thanks Welcome Dear Hi Hello Congratulations
    On Behalf Behalf Of From With At For To In And Interview Interviews Invitation Invitations
    Confirmed Confirmation Reminder Re Fwd Fw Please Note Update New Virtual Important A An
    We I You Applicant Applicants Applying Applied Application Schedule Scheduled Itinerary
    Regarding About Accepted Action Required Dr Mr Ms Mrs Prof Congratulations All Every""".split()  # noqa: SIM905
}
# Words of a specialty or a kind of program: alone they name no one program.
GENERIC = {
    w.lower()
    for w in """Internal Medicine Residency Program Programs Department Family Pediatrics
    Pediatric Psychiatry Surgery General Surgical Emergency Neurology Radiology Anesthesiology
    Obstetrics Gynecology OB GYN Preliminary Transitional Categorical Primary Care Track IM FM
    EM Med Peds Of At And For The In & - – de la GME Graduate Medical Education Year Combined
    Categorical Physical Rehabilitation Dermatology Pathology Urology""".split()  # noqa: SIM905
}
_PLATFORM_NAMES = lazy.pattern(r"\b(?:ERAS|Thalamus|Interview\s+Broker|AAMC|NRMP)\b", re.IGNORECASE)
_BEHALF = lazy.pattern(
    rf"\bon\s+behalf\s+of\s+(?:the\s+)?(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|{_JOIN}))*)",
)
_INVITED_BY = lazy.pattern(
    rf"(?:^|[.!]\s+|\n)(?:the\s+)?(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|{_JOIN}))*?)[ \t]+"
    r"(?:has|have)\s+(?:invited|extended|confirmed|scheduled|sent)",
)
_FROM_NAME = lazy.pattern(
    rf"\b(?:invitation|interview)\s+(?:from|with|at)\s+(?:the\s+)?"
    rf"(?P<name>{_CAP}(?:[ \t]+(?:{_CAP}|{_JOIN}))*)",
)
_SUBJECT_SPLIT = lazy.pattern(r"\s+[-–—|:]\s+|:\s+|\s*\|\s*")
_SUBJECT_PREFIX = lazy.pattern(r"^(?:\s*(?:re|fwd?|aw)\s*:\s*)+", re.IGNORECASE)


def base_domain(host: str) -> str:
    """The registrable part of a host: ``im.harborcity.org`` -> ``harborcity.org``."""
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _under(host: str, domains: frozenset[str] | set[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def is_mail_host(address: str) -> bool:
    return _under(domain_of(address.lower()), MAIL_HOSTS)


def could_be_program(address: str, school: frozenset[str]) -> bool:
    """An address at a domain that may be a program's own: not a platform, a mail host, a
    match or exam body, or the applicant's school."""
    host = domain_of(address.lower())
    if not host or is_platform(address):
        return False
    return not (_under(host, MAIL_HOSTS) or _under(host, NOT_PROGRAMS) or _under(host, school))


def school_domains(addresses: frozenset[str]) -> frozenset[str]:
    """The applicant's own institutions: the base domains of their non-mail-host addresses."""
    return frozenset(base_domain(domain_of(a)) for a in addresses if not is_mail_host(a))


def _trim(name: str) -> str | None:
    words = name.replace("\u2019", "'").split()
    while words and words[0].lower().strip(".,") in _LEADING:
        words.pop(0)
    while words and words[-1].lower() in {"of", "at", "and", "&", "for", "the", "in", "-", "–"}:
        words.pop()
    if not words or _PLATFORM_NAMES.search(" ".join(words)):
        return None
    text = " ".join(words).strip(" .,;:")
    distinct = [w for w in words if w.lower().strip(".,'s") not in GENERIC]
    return text if distinct and len(text) >= 4 else None


def named_programs(text: str) -> list[str]:
    """Names written as "<Institution> ... Residency (Program)", in order of appearance."""
    found = []
    for m in _NAMED.finditer(text):
        name = _trim(m.group(0))
        if name:
            found.append(name)
    return found


def platform_program(subject: str, body: str) -> str | None:
    """The program a platform's message speaks for: a full program name, else the name
    after "on behalf of", "X has invited you", or "invitation from X"."""
    for text in (subject, body[:3000]):
        names = named_programs(text)
        if names:
            return names[0]
    for pattern in (_BEHALF, _INVITED_BY, _FROM_NAME):
        for text in (subject, body[:3000]):
            for m in pattern.finditer(text):
                name = _trim(m.group("name"))
                if name:
                    return name
    # "Invitation to interview: Summit Valley Family Medicine": the name beside the cue
    aliases = subject_aliases(subject) if INTERVIEW_SUBJECT.search(subject) else []
    return aliases[0] if aliases else None


def subject_aliases(subject: str) -> list[str]:
    """Parts of a subject that are a name, not a cue: "Interview Invitation - Harbor City IM"
    -> ["Harbor City IM"]."""
    out = []
    for part in _SUBJECT_SPLIT.split(_SUBJECT_PREFIX.sub("", subject)):
        part = part.strip(" .!")
        if not part or SCHEDULING.search(part) or BULK.search(part):
            continue
        if re.search(r"\d", part) or not part[0].isupper():
            continue
        words = part.split()
        if len(words) > 8 or not all(w[0].isupper() or w.lower() in _JOIN for w in words):
            continue
        name = _trim(part)
        if name:
            out.append(name)
    return out


def distinct_words(name: str) -> frozenset[str]:
    """The words that tell one program from another ("harbor", "city")."""
    words = re.findall(r"[\w']+", name.lower().replace("\u2019", "'"))
    return frozenset(w.removesuffix("'s") for w in words if w not in GENERIC)


def same_program(a: str, b: str) -> bool:
    """Two names of one program: the distinct words of one contain the other's."""
    x, y = distinct_words(a), distinct_words(b)
    return bool(x and y) and (x <= y or y <= x)
