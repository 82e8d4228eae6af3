"""Phrases of the synthetic report pages: sentence templates, headings, topics (data only).

A template's {slots} are filled by benchmarks.synth in reading order: {org}/{org_cap} a partner
organization (first mention defines its forms), {known} one already named, {host}/{host_cap}
the host, {country} a participating country, {day} a year-less day inside the section or the
period, {month_ahead} a later month with its year, {year_past} an earlier year, {city}, {n}, and
any key of WORDS. No template names a country, an organization or a date except through a slot,
so the gold the generator keeps is complete.
"""

from __future__ import annotations

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

WORDS: dict[str, tuple[str, ...]] = {
    "topic": (
        "labour migration data",
        "countermeasures against trafficking in persons",
        "gender statistics for policy making",
        "disaster risk reduction in coastal cities",
        "public health emergency preparedness",
        "vocational training for young people",
        "social protection for informal workers",
        "climate adaptation in smallholder agriculture",
        "integrated water resource management",
        "maternal and child health services",
        "renewable energy policy",
        "customs modernization",
        "juvenile justice and rehabilitation",
        "support for migrant domestic and care workers",
        "community-based waste management",
    ),
    "subtopic": (
        "recruitment fees",
        "victim identification",
        "administrative records",
        "sex-disaggregated data",
        "early warning systems",
        "case management",
        "labour inspection",
        "social insurance coverage",
        "data sharing agreements",
        "supply chain due diligence",
        "community health workers",
        "the school-to-work transition",
        "shelter standards",
        "time-use surveys",
        "flood risk maps",
    ),
    "region": (
        "Southeast Asia",
        "South Asia",
        "the Mekong region",
        "the Asia-Pacific region",
        "East Africa",
        "the Pacific",
        "Central Asia",
        "Latin America",
    ),
    "role": (
        "officials",
        "researchers",
        "practitioners",
        "labour inspectors",
        "statisticians",
        "social workers",
        "prosecutors",
        "trainers",
    ),
}

SENTENCES = (
    "Participants from {country} and {country} shared how {topic} is organised in their "
    "institutions, and officials of {org} commented on the main gaps.",
    "{org_cap} presented its recent work on {subtopic} and described the support it has "
    "provided to {country} since {year_past}.",
    "On {day}, the participants visited {org} in {city}, where staff explained how cases are "
    "referred between agencies.",
    "The session was facilitated by {org}, with contributions from {org} and from "
    "{role} working in {region}.",
    "A representative of {org} noted that data on {subtopic} are still scattered across "
    "ministries and are rarely compared.",
    "Working groups then drafted recommendations on {subtopic}; the delegation of {country} "
    "proposed a common template, which was welcomed by {known}.",
    "By {day}, each participant had submitted a short paper on {subtopic} in their own "
    "institution.",
    "The lecturers of {org} used examples from {country} and {country} to show how "
    "{subtopic} can be measured with existing records.",
    "Several {role} stressed that cooperation with {known} had been decisive for the "
    "programme in {country}.",
    "{org_cap} and {org} agreed to share their training materials on {subtopic} with all "
    "participating institutions.",
    "The discussion continued over lunch, and the {role} exchanged contacts for future "
    "cooperation.",
    "In the afternoon, a panel moderated by {known} compared approaches to {subtopic} in "
    "{region} and in {country}.",
    "Since {year_past}, {host} has trained more than {n} {role} on {topic}.",
    "The opening session ran from 09:30 to 12:00 and was followed by a visit to a local "
    "training centre in {city}.",
    "Participants observed that the presence of independent users of statistics helped to "
    "keep official data on {subtopic} relevant.",
    "Each delegation presented an action plan for the coming year, and {known} offered "
    "written comments on every plan.",
    "The delegation of {country} described a pilot on {subtopic} that started on {day} and "
    "involves {n} {role}.",
    "Staff of {host} explained how the programme had been adapted after the evaluation "
    "carried out with {org}.",
    "A field visit showed how {role} in {city} handle {subtopic} with very limited resources.",
    "Questions from the floor focused on {subtopic} and on the role of {known} in {region}.",
)

LEADS = (
    "{host_cap} organised this {topic} programme together with {org} and {org}.",
    "This page summarises the programme held by {host} with the support of {org}.",
    "{host_cap} and {org} brought together {n} {role} to compare their work on {topic}.",
)

NEXT_STEPS = (
    "A follow-up meeting is planned for {month_ahead} in {city}, co-organised with {known}.",
    "The final report will be published in {month_ahead}, and {known} will circulate it to "
    "all participating institutions.",
    "{host_cap} will hold an online review session in {month_ahead} to follow the action plans.",
)

ACTIVITIES = (
    "Opening and keynote",
    "Country presentations",
    "Lectures on national data systems",
    "Site visits and discussion",
    "Group work on action plans",
    "Field visit to a local shelter",
    "Panel on regional cooperation",
    "Training of trainers",
    "Action plan presentations and closing",
    "Online lectures",
    "Self-study period",
    "Study visit to partner institutions",
)

HEADINGS: dict[str, tuple[str, ...]] = {
    "overview": ("Overview", "Background", "About the programme", "Purpose", "Introduction"),
    "participants": ("Participants", "Participating countries", "Who took part"),
    "programme": ("Programme", "Schedule", "Programme outline"),
    "summary": ("Summary of Discussions", "Highlights", "Main activities", "Activities"),
    "outcomes": ("Outcomes", "Results", "Evaluation and results", "Key findings"),
    "next": ("Next steps", "Follow-up", "Way forward"),
    "thanks": ("Acknowledgements", "Acknowledgments", "Thanks to our partners"),
}

EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "workshop": ("Regional Workshop", "Expert Meeting", "Policy Dialogue", "Technical Workshop"),
    "course": ("Training Course", "Knowledge Co-Creation Program", "Training Program"),
    "series": ("Online Seminar Series", "Webinar Series"),
    "fiscal": ("Training Program", "Annual Activity Report", "Capacity Building Program"),
}

CAPTIONS = (
    "Participants and organisers on the final day",
    "Group work during the second week",
    "A lecture at the training centre",
    "Presentation of the action plans",
)

TIME_SLOTS = ("09:00–10:30", "11:00–12:30", "14:00–15:30", "16:00–17:30")

NAV = ("Home", "About us", "Programmes", "Reports", "Publications", "News", "Partners", "Contact")

_SMALL = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})


def title_case(text: str) -> str:
    """'labour migration data' -> 'Labour Migration Data' (short words stay lower case)."""
    words = text.split()
    return " ".join(
        w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )
