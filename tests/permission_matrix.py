"""The permission matrix: role x object x method -> one answer, for pages and API alike.

Each row names an action on an object, the page request(s) and the API request(s) that do it,
and the one answer every role gets from all of them. tests/test_permission_matrix.py turns
each row into a page test and an API test per role, so a rule that holds on one side and not
the other fails. The rules themselves live in proeftuin/access.py.

Answers (see proeftuin/access.py for why a refusal is always "not found"):
- ALLOWED: the action works (GET 200; a page form POST redirects onwards; API 200/201/204).
- NOT_FOUND: 404 from every page and endpoint of the row.
- LOGIN: an anonymous page request goes to the login page; the API says 401/403.
List rows answer with what the list shows instead:
- SHOWN: a page of the row (200) shows the object, and every API list includes it.
- HIDDEN: the person may list here (some page 200, API 200) but the object is not in it.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from proeftuin.models import Dimension

ALLOWED = "allowed"
NOT_FOUND = "not found"
LOGIN = "login"
SHOWN = "shown"
HIDDEN = "hidden"

ROLES = (
    "owner",  # the participant whose goal, activity, experiment ... it is
    "other_participant",  # another participant of the same pilot
    "coach",
    "director",
    "ethics_reviewer",  # a participant the pilot appointed to review experiments' ethics
    "ambassador",  # a participant who proposes lessons as success stories
    "steering",  # a steering-group member: the director's aggregates, nothing personal
    "expert",  # an outside expert, invited to one waiting review only
    "outsider_participant",  # the same roles in a pilot of another organisation
    "outsider_coach",
    "outsider_director",
    "anonymous",
)
PARTICIPANTS = ("owner", "other_participant")
PARTICIPANT_TASKS = ("ethics_reviewer", "ambassador")
MEMBERS = ("owner", "other_participant", "coach", "director")
LOGGED_IN = tuple(role for role in ROLES if role != "anonymous")
OUTSIDERS = tuple(role for role in ROLES if role.startswith("outsider_"))


@dataclass(frozen=True)
class Call:
    """One request: `path` is formatted with the world's ids; `data` is a function of it."""

    method: str
    path: str
    data: object = None
    status: int | None = None  # the answer when allowed, if not the method's usual one

    def allowed_status(self, api: bool) -> int:
        if self.status is not None:
            return self.status
        if self.method == "get":
            return 200
        if not api:
            return 302  # a page form that worked redirects onwards
        return {"post": 201, "delete": 204}.get(self.method, 200)


@dataclass(frozen=True)
class Row:
    object: str
    method: str  # read (list), read, create, update, delete
    answers: dict
    pages: tuple = ()
    api: tuple = ()
    marker: str = ""  # list rows: the text that shows the object is listed
    default: str = NOT_FOUND
    note: str = field(default="", compare=False)

    @property
    def id(self) -> str:
        return f"{self.object} {self.method}"

    def answer(self, role: str) -> str:
        if role in self.answers:
            return self.answers[role]
        if role in PARTICIPANT_TASKS:
            # A task is held beside the participant role: unless the row says otherwise, its
            # holder gets what any other participant gets.
            return self.answer("other_participant")
        return LOGIN if role == "anonymous" else self.default


def _allow(*roles, answer=ALLOWED) -> dict:
    return dict.fromkeys(roles, answer)


def _today(_w=None) -> str:
    return timezone.localdate().isoformat()


def _in_a_month(_w=None) -> str:
    return (timezone.localdate() + timedelta(days=30)).isoformat()


def _next_month(_w=None) -> str:
    return (timezone.localdate() + timedelta(days=40)).isoformat()


def goal_data(w) -> dict:
    return {
        "skill": w.ids["skill"],
        "statement": "Zelf een draaitabel maken",
        "start_level": 1,
        "target_level": 3,
        "due_on": _in_a_month(),
    }


def activity_data(w) -> dict:
    return {"kind": "reading", "on": _today(), "minutes": 20, "title": "Artikel gelezen"}


def experiment_data(w) -> dict:
    return {
        "title": "Wachttijd",
        "question": "Drukker op maandag?",
        "planned_start": _today(),
        "planned_end": _in_a_month(),
        "status": "planned",
    }


def ethics_answers_data(w) -> dict:
    return {"affected": "Bezoekers van de balie", "personal_data": "Alleen tijdstippen"}


def ethics_decision_data(w) -> dict:
    # Deciding changes the review; each asker who may decide finds it waiting again, so the
    # coach and the reviewer each get the answer of their role, not of the other's decision.
    from learning.models import EthicsReview

    EthicsReview.objects.filter(pk=w.ids["waiting_review"]).update(state="waiting")
    return {"decision": "approved", "note": "Zorgvuldig."}


def question_data(w) -> dict:
    return {
        "text": "Wanneer willen mensen eigenlijk komen?",
        "asked_by": "team planning",
        "why": "Dan plannen we de balie op de drukte.",
    }


def charter_page_data(w) -> dict:
    return {"principles": "We vragen alleen wat we nodig hebben.", "agreed_on": _today()}


def charter_api_data(w) -> dict:
    return {"principles": ["We vragen alleen wat we nodig hebben."]}


def _confirmation_asked(w) -> None:
    # Deciding answers a request: each asker who may decide finds one waiting.
    from learning.models import SkillGoal

    SkillGoal.objects.filter(pk=w.ids["goal"]).update(status="achieved", confirmation="asked")


def confirmation_page_data(w) -> dict:
    _confirmation_asked(w)
    return {"decision": "confirm", "text": "Mooi gedaan."}


def confirmation_api_data(w) -> dict:
    _confirmation_asked(w)
    return {"decision": "confirm", "text": "Mooi gedaan."}


def lesson_data(w) -> dict:
    return {"kind": "pitfall", "dimension": "data_analysis", "text": "Te kort gemeten"}


def skill_data(w) -> dict:
    return {"name": "Open data", "dimension": "data_analysis", "is_active": True}


def session_page_data(w) -> dict:
    return {
        "kind": "workshop",
        "title": "Datagedreven werken",
        "location": "Zaal 1",
        "on": _next_month(),
        "starts_time": "12:00",
        "ends_time": "13:00",
    }


def session_api_data(w) -> dict:
    starts = (timezone.localtime() + timedelta(days=40)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    return {
        "kind": "workshop",
        "title": "Datagedreven werken",
        "location": "Zaal 1",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
    }


def series_page_data(w) -> dict:
    return {
        "kind": "workshop",
        "title": "Reeks",
        "location": "Zaal 1",
        "week_of_month": 1,
        "weekday_index": 1,
        "first_on": _next_month(),
        "starts_time": "12:00",
        "ends_time": "13:00",
        "count": 2,
    }


def series_api_data(w) -> dict:
    data = series_page_data(w)
    data["weekday"] = data.pop("weekday_index")
    return data


def assessment_data(w) -> dict:
    return {"dimension": Dimension.DATA_ANALYSIS, "organisation": 2, "self": 2}


def answers_api_data(w) -> dict:
    return {"answers": [{"dimension": "data_analysis", "organisation": 2, "self": 2}]}


def ambition_api_data(w) -> dict:
    return {
        "ambitions": [
            {
                "dimension": "data_analysis",
                "target_stage": 3,
                "target_on": _next_month(),
                "why": "Zelf onze wachttijden verklaren",
            }
        ],
        "hours_per_participant_per_month": "4.0",
        "budget_euros": 2500,
    }


def ambition_data(w) -> dict:
    return {
        "hours_per_participant_per_month": "4",
        "budget_euros": "1000",
        "data_analysis__target_stage": "3",
        "data_analysis__target_on": _next_month(),
        "data_analysis__why": "Zelf onze wachttijden verklaren",
    }


def plan_action_data(w) -> dict:
    return {
        "dimension": "data_analysis",
        "text": "Elke maand een vraag",
        "owner_id": w.ids["owner"],
        "due_on": _in_a_month(),
        "status": "open",
        "skill_id": w.ids["skill"],
    }


P = "/p/{pilot}/"
API = "/api/v1/pilots/{pilot}/"

MATRIX = (
    # --- the participant's own learning path --------------------------------------------------
    Row("learning path", "read", _allow(*PARTICIPANTS), pages=(Call("get", P + "leerpad/"),)),
    # --- skills -------------------------------------------------------------------------------
    Row(
        "skill",
        "read (list)",
        _allow(*PARTICIPANTS, "coach", answer=SHOWN),
        pages=(Call("get", P + "vaardigheden/"), Call("get", P + "doelen/nieuw/")),
        api=(Call("get", API + "skills/"),),
        marker="{skill_name}",
    ),
    Row(
        "skill", "read", _allow(*PARTICIPANTS, "coach"), api=(Call("get", API + "skills/{skill}/"),)
    ),
    Row(
        "skill",
        "create",
        _allow("coach"),
        pages=(
            Call("get", P + "vaardigheden/nieuw/"),
            Call("post", P + "vaardigheden/nieuw/", skill_data),
        ),
        api=(Call("post", API + "skills/", skill_data),),
    ),
    Row(
        "skill",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "vaardigheden/{skill}/"),
            Call("post", P + "vaardigheden/{skill}/", skill_data),
        ),
        api=(Call("patch", API + "skills/{skill}/", {"name": "Nieuwe naam"}),),
    ),
    Row(
        "level descriptor",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "vaardigheden/{skill}/niveaus/"),
            Call("post", P + "vaardigheden/{skill}/niveaus/", {"level_3": "Zelf een draaitabel"}),
        ),
        api=(Call("put", API + "skills/{skill}/levels/", {"level_3": "Zelf een draaitabel"}),),
    ),
    # --- goals --------------------------------------------------------------------------------
    Row(
        "goal",
        "read (list)",
        {**_allow("owner", "coach", answer=SHOWN), "other_participant": HIDDEN},
        pages=(Call("get", P + "doelen/"), Call("get", P + "deelnemers/{owner}/")),
        api=(Call("get", API + "goals/"),),
        marker="{goal_statement}",
    ),
    Row(
        "goal",
        "read",
        _allow("owner", "coach"),
        pages=(Call("get", P + "doelen/{goal}/"),),
        api=(Call("get", API + "goals/{goal}/"),),
    ),
    Row(
        "goal",
        "create",
        _allow(*PARTICIPANTS),
        pages=(Call("get", P + "doelen/nieuw/"), Call("post", P + "doelen/nieuw/", goal_data)),
        api=(Call("post", API + "goals/", goal_data),),
    ),
    Row(
        "goal",
        "update",
        _allow("owner"),
        pages=(
            Call("get", P + "doelen/{goal}/wijzigen/"),
            Call("post", P + "doelen/{goal}/wijzigen/", goal_data),
        ),
        api=(Call("patch", API + "goals/{goal}/", {"statement": "Scherper geformuleerd"}),),
    ),
    Row(
        "goal",
        "update (close)",
        _allow("owner"),
        pages=(Call("post", P + "doelen/{goal}/afsluiten/", {"status": "achieved"}),),
        api=(Call("post", API + "goals/{goal}/close/", {"status": "achieved"}, status=200),),
    ),
    Row(
        "goal",
        "delete",
        _allow("owner"),
        pages=(
            Call("get", P + "doelen/{goal}/verwijderen/"),
            Call("post", P + "doelen/{goal}/verwijderen/"),
        ),
        api=(Call("delete", API + "goals/{goal}/"),),
    ),
    # --- goal comments and check-ins ----------------------------------------------------------
    Row(
        "goal comment",
        "read",
        _allow("owner", "coach", answer=SHOWN),
        pages=(Call("get", P + "doelen/{goal}/"),),
        api=(Call("get", API + "goals/{goal}/"),),
        marker="{comment_text}",
    ),
    Row(
        "goal comment",
        "create",
        _allow("owner", "coach"),
        pages=(Call("post", P + "doelen/{goal}/opmerking/", {"text": "Mooi tempo!"}),),
        api=(Call("post", API + "goals/{goal}/comments/", {"text": "Mooi tempo!"}),),
    ),
    Row(
        "goal confirmation",
        "create",
        _allow("owner"),
        pages=(Call("post", P + "doelen/{goal}/bevestiging-vragen/", {"text": "Gelukt!"}),),
        api=(Call("post", API + "goals/{goal}/ask-confirmation/", {"text": "Gelukt!"}),),
    ),
    Row(
        "goal confirmation",
        "update",
        _allow("coach"),
        pages=(Call("post", P + "doelen/{goal}/bevestigen/", confirmation_page_data),),
        api=(Call("post", API + "goals/{goal}/confirmation/", confirmation_api_data, status=200),),
    ),
    Row(
        "check-in",
        "create",
        _allow("owner"),
        pages=(
            Call(
                "post",
                P + "doelen/{goal}/check-in/",
                lambda w: {"level": 2, "note": "Beter", "on": _today()},
            ),
        ),
        api=(Call("post", API + "goals/{goal}/check-ins/", {"level": 2, "note": "Beter"}),),
    ),
    # --- activities ---------------------------------------------------------------------------
    Row(
        "activity",
        "read (list)",
        {**_allow("owner", "coach", answer=SHOWN), "other_participant": HIDDEN},
        pages=(Call("get", P + "activiteiten/"), Call("get", P + "deelnemers/{owner}/")),
        api=(Call("get", API + "activities/"),),
        marker="{activity_title}",
    ),
    Row(
        "activity",
        "read",
        _allow("owner", "coach"),
        api=(Call("get", API + "activities/{activity}/"),),
        note="no page shows one activity alone; the coach reads it on the participant's page",
    ),
    Row(
        "activity",
        "create",
        _allow(*PARTICIPANTS),
        pages=(
            Call("get", P + "activiteiten/nieuw/"),
            Call("post", P + "activiteiten/nieuw/", activity_data),
            Call("post", P + "leerpad/snel-vastleggen/", activity_data),
        ),
        api=(Call("post", API + "activities/", activity_data),),
    ),
    Row(
        "activity",
        "update",
        _allow("owner"),
        pages=(
            Call("get", P + "activiteiten/{activity}/"),
            Call("post", P + "activiteiten/{activity}/", activity_data),
        ),
        api=(Call("patch", API + "activities/{activity}/", {"minutes": 25}),),
    ),
    Row(
        "activity",
        "delete",
        _allow("owner"),
        pages=(
            Call("get", P + "activiteiten/{activity}/verwijderen/"),
            Call("post", P + "activiteiten/{activity}/verwijderen/"),
        ),
        api=(Call("delete", API + "activities/{activity}/"),),
    ),
    # --- experiments and lessons --------------------------------------------------------------
    Row(
        "experiment",
        "read (list)",
        {**_allow("owner", "coach", answer=SHOWN), "other_participant": HIDDEN},
        pages=(Call("get", P + "experimenten/"), Call("get", P + "deelnemers/{owner}/")),
        api=(Call("get", API + "experiments/"),),
        marker="{experiment_title}",
    ),
    Row(
        "experiment",
        "read",
        _allow("owner", "coach"),
        pages=(Call("get", P + "experimenten/{experiment}/"),),
        api=(Call("get", API + "experiments/{experiment}/"),),
    ),
    Row(
        "experiment",
        "create",
        _allow(*PARTICIPANTS),
        pages=(
            Call("get", P + "experimenten/nieuw/"),
            Call("post", P + "experimenten/nieuw/", experiment_data),
        ),
        api=(Call("post", API + "experiments/", experiment_data),),
    ),
    Row(
        "experiment",
        "update",
        _allow("owner"),
        pages=(
            Call("get", P + "experimenten/{experiment}/wijzigen/"),
            Call("post", P + "experimenten/{experiment}/wijzigen/", experiment_data),
        ),
        api=(Call("patch", API + "experiments/{experiment}/", {"title": "Wachttijd (2)"}),),
    ),
    Row(
        "experiment",
        "delete",
        _allow("owner"),
        pages=(
            Call("get", P + "experimenten/{experiment}/verwijderen/"),
            Call("post", P + "experimenten/{experiment}/verwijderen/"),
        ),
        api=(Call("delete", API + "experiments/{experiment}/"),),
    ),
    Row(
        "ethics review",
        "read",
        _allow("owner", "coach"),
        api=(Call("get", API + "experiments/{experiment}/ethics/"),),
        note="the page is the experiment's own (experiment read); a reviewer reads a review "
        "once it was submitted (the 'ethics decision' rows)",
    ),
    Row(
        "ethics review",
        "update (answers)",
        _allow("owner"),
        pages=(
            Call("get", P + "experimenten/{experiment}/ethiek/"),
            Call("post", P + "experimenten/{experiment}/ethiek/", ethics_answers_data),
        ),
        api=(Call("patch", API + "experiments/{experiment}/ethics/", ethics_answers_data),),
    ),
    Row(
        "ethics review",
        "update (submit)",
        _allow("owner"),
        api=(Call("post", API + "experiments/{draft_experiment}/ethics/submit/", status=200),),
    ),
    Row(
        "ethics decision",
        "read (waiting reviews)",
        _allow("coach", "ethics_reviewer", "expert", answer=SHOWN),
        pages=(Call("get", P + "ethische-toetsen/"),),
        api=(Call("get", API + "experiments/waiting-for-review/"),),
        marker="{waiting_title}",
        note="never one's own: the owner has no list, and their waiting experiment is not in "
        "anyone's list who shares it",
    ),
    Row(
        "ethics decision",
        "create",
        _allow("coach", "ethics_reviewer", "expert"),
        pages=(
            Call("get", P + "experimenten/{waiting_experiment}/toetsing/"),
            Call("post", P + "experimenten/{waiting_experiment}/toetsing/", ethics_decision_data),
        ),
        api=(
            Call(
                "post",
                API + "experiments/{waiting_experiment}/ethics/decide/",
                ethics_decision_data,
                status=200,
            ),
        ),
    ),
    Row(
        "success story",
        "read",
        _allow(*PARTICIPANTS, "coach", "director", "steering"),
        pages=(Call("get", P + "succesverhalen/"),),
    ),
    Row(
        "success story",
        "create (propose a lesson)",
        _allow("ambassador"),
        pages=(Call("post", P + "lessen/{ambassador_lesson}/succesverhaal/"),),
        note="an ambassador proposes a lesson of an experiment they read; the owner of the "
        "world's experiment is no ambassador",
    ),
    Row(
        "success story",
        "update (show or send back)",
        _allow("coach"),
        pages=(Call("post", P + "succesverhalen/{proposed_story}/", {"show": "1"}),),
    ),
    # --- the question backlog ------------------------------------------------------------------
    Row(
        "question",
        "read (list)",
        _allow(*MEMBERS, "steering", answer=SHOWN),
        pages=(Call("get", P + "vragen/"),),
        api=(Call("get", API + "questions/"),),
        marker="{question_text}",
        note="the whole pilot shares the backlog; an outside expert sees only their review",
    ),
    Row(
        "question",
        "read",
        _allow(*MEMBERS, "steering"),
        pages=(Call("get", P + "vragen/{question}/"),),
        api=(Call("get", API + "questions/{question}/"),),
    ),
    Row(
        "question",
        "create",
        _allow(*MEMBERS, "steering"),
        pages=(Call("post", P + "vragen/", question_data),),
        api=(Call("post", API + "questions/", question_data),),
    ),
    Row(
        "question support",
        "create",
        _allow(*MEMBERS, "steering"),
        pages=(Call("post", P + "vragen/{question}/steunen/"),),
        api=(Call("post", API + "questions/{question}/support/", status=200),),
        note="the world's question was typed in by a participant who holds none of the roles",
    ),
    Row(
        "question comment",
        "create",
        _allow(*MEMBERS, "steering"),
        pages=(Call("post", P + "vragen/{question}/opmerking/", {"text": "Ook voor de balie"}),),
        api=(Call("post", API + "questions/{question}/comments/", {"text": "Ook voor de balie"}),),
    ),
    Row(
        "question",
        "update (theme and priority)",
        _allow("coach"),
        pages=(
            Call("post", P + "vragen/{question}/ordenen/", {"theme": "Drukte", "priority": "1"}),
        ),
        api=(Call("patch", API + "questions/{question}/", {"theme": "Drukte", "priority": 1}),),
    ),
    Row(
        "experiment",
        "create (from a question)",
        _allow(*PARTICIPANTS),
        pages=(Call("post", P + "vragen/{question}/experiment/"),),
        api=(Call("post", API + "questions/{question}/experiment/", status=201),),
        note="the experiment keeps its origin; it is the asker's own planned experiment",
    ),
    # --- the basic principles ------------------------------------------------------------------
    Row(
        "charter",
        "read",
        _allow(*MEMBERS, "steering"),
        pages=(Call("get", P + "basisprincipes/"),),
        api=(Call("get", API + "charter/"),),
    ),
    Row(
        "charter",
        "update (a new version)",
        _allow("coach", "steering"),
        pages=(Call("post", P + "basisprincipes/", charter_page_data),),
        api=(Call("post", API + "charter/", charter_api_data),),
    ),
    Row(
        "sponsor message",
        "create",
        _allow("director"),
        pages=(
            Call("get", P + "sponsorbericht/"),
            Call("post", P + "sponsorbericht/", {"text": "Fijn dat jullie meedoen."}),
        ),
    ),
    # --- the coach gives tasks and invites outside experts --------------------------------------
    Row(
        "appointment",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "rollen/"),
            Call("post", P + "rollen/{other_participant}/", {"is_ambassador": "on"}),
            Call(
                "post",
                P + "rollen/deskundige/",
                lambda w: {"expert": w.ids["expert"], "experiment": w.ids["waiting_experiment"]},
            ),
        ),
    ),
    Row(
        "lesson",
        "create",
        _allow("owner"),
        pages=(Call("post", P + "experimenten/{experiment}/lessen/", lesson_data),),
        api=(Call("post", API + "experiments/{experiment}/lessons/", lesson_data),),
    ),
    Row(
        "lesson",
        "create (from one's own learning activity)",
        _allow("owner"),
        pages=(
            Call("get", P + "activiteiten/{activity}/les/"),
            Call("post", P + "activiteiten/{activity}/les/", lesson_data),
        ),
    ),
    Row(
        "lesson",
        "update (review for the toolkit)",
        _allow("coach"),
        pages=(
            Call("get", P + "informatiepakket/lessen/"),
            Call("get", P + "informatiepakket/lessen/{lesson}/"),
            Call(
                "post",
                P + "informatiepakket/lessen/{lesson}/",
                lambda w: {
                    "toolkit_text": "Meet langer dan twee weken.",
                    "kind": "pitfall",
                    "dimension": "data_analysis",
                    "stage": 2,
                },
            ),
        ),
    ),
    # --- the coach's view of the participants -------------------------------------------------
    Row(
        "participant",
        "read",
        _allow("coach"),
        pages=(
            Call("get", P + "deelnemers/"),
            Call("get", P + "deelnemers/export.csv"),
            Call("get", P + "deelnemers/export.xlsx"),
            Call("get", P + "deelnemers/{owner}/"),
        ),
    ),
    # --- sessions -----------------------------------------------------------------------------
    Row(
        "session",
        "read (list)",
        _allow(*MEMBERS, answer=SHOWN),
        pages=(Call("get", P + "bijeenkomsten/"),),
        api=(Call("get", API + "sessions/"),),
        marker="{session_title}",
    ),
    Row(
        "session",
        "read",
        _allow(*MEMBERS),
        pages=(
            Call("get", P + "bijeenkomsten/{session}/"),
            Call("get", P + "bijeenkomsten/{session}/agenda.ics"),
        ),
        api=(Call("get", API + "sessions/{session}/"),),
    ),
    Row(
        "session",
        "create",
        _allow("coach"),
        pages=(
            Call("get", P + "bijeenkomsten/nieuw/"),
            Call("post", P + "bijeenkomsten/nieuw/", session_page_data),
            Call("get", P + "bijeenkomsten/reeks/"),
            Call("post", P + "bijeenkomsten/reeks/", series_page_data),
        ),
        api=(
            Call("post", API + "sessions/", session_api_data),
            Call("post", API + "sessions/series/", series_api_data),
        ),
    ),
    Row(
        "session",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "bijeenkomsten/{session}/wijzigen/"),
            Call("post", P + "bijeenkomsten/{session}/wijzigen/", session_page_data),
        ),
        api=(Call("put", API + "sessions/{session}/", session_api_data),),
    ),
    Row(
        "session",
        "delete (cancel)",
        _allow("coach"),
        pages=(
            Call("get", P + "bijeenkomsten/{session}/annuleren/"),
            Call("post", P + "bijeenkomsten/{session}/annuleren/"),
        ),
        api=(Call("post", API + "sessions/{session}/cancel/", status=200),),
    ),
    # --- registrations, attendance, feedback --------------------------------------------------
    Row(
        "registration",
        "read",
        _allow("owner"),
        api=(Call("get", API + "sessions/{session}/registration/"),),
        note="one's own answer; the other participant has none, the coach reads them all "
        "on the session page",
    ),
    Row(
        "registration",
        "update",
        _allow(*PARTICIPANTS),
        pages=(Call("post", P + "bijeenkomsten/{session}/antwoord/", {"response": "going"}),),
        api=(Call("put", API + "sessions/{session}/registration/", {"response": "going"}),),
    ),
    Row(
        "waiting-list offer",
        "update (accept or decline one's own)",
        _allow(*PARTICIPANTS),
        pages=(Call("post", P + "bijeenkomsten/{session}/aanbod/", {"answer": "accept"}),),
        note="a participant without an offer hears so on the session page; the mail's signed "
        "link answers without signing in (tests/workshops/test_offers.py)",
    ),
    Row(
        "session guests",
        "update (open to colleagues, mark guests present)",
        _allow("coach"),
        pages=(Call("post", P + "bijeenkomsten/{session}/gasten/", {"action": "open"}),),
        note="guests themselves have no account: their signed links show only their own "
        "sign-up (tests/workshops/test_guests.py)",
    ),
    Row(
        "guest sign-up",
        "read (the page of a session open to colleagues)",
        _allow(*ROLES),
        pages=(Call("get", "/gast/aanmelden/{sign_up_token}/"),),
        note="the link the coach shares is the key, the same for everyone with or without an "
        "account",
    ),
    Row(
        "guest sign-up of a session not open to colleagues",
        "read",
        _allow(*ROLES, answer=NOT_FOUND),
        pages=(Call("get", "/gast/aanmelden/{closed_sign_up_token}/"),),
    ),
    Row(
        "a guest's own sign-up",
        "read",
        _allow(*ROLES),
        pages=(Call("get", "/gast/{guest_token}/"), Call("get", "/gast/{guest_token}/agenda.ics")),
        note="the guest's signed link shows that sign-up only, never a page of the pilot "
        "(tests/workshops/test_guests.py)",
    ),
    Row(
        "attendance",
        "read",
        _allow("coach"),
        pages=(Call("get", P + "bijeenkomsten/{past_session}/aanwezigheid/"),),
        api=(Call("get", API + "sessions/{past_session}/attendance/"),),
    ),
    Row(
        "attendance",
        "update",
        _allow("coach"),
        pages=(
            Call(
                "post",
                P + "bijeenkomsten/{past_session}/aanwezigheid/",
                lambda w: {"present": [w.ids["owner"]]},
            ),
        ),
        api=(
            Call(
                "put",
                API + "sessions/{past_session}/attendance/",
                lambda w: {"present": [w.ids["owner"]]},
            ),
        ),
    ),
    Row(
        "session check-in",
        "create",
        _allow(*PARTICIPANTS),
        pages=(
            Call("get", P + "bijeenkomsten/{live_session}/inchecken/"),
            Call(
                "post",
                P + "bijeenkomsten/{live_session}/inchecken/",
                lambda w: {"code": w.ids["live_code"]},
            ),
        ),
        note="with the code shown in the room, during the session",
    ),
    Row(
        "session check-in code",
        "read",
        _allow("coach"),
        pages=(Call("get", P + "bijeenkomsten/{live_session}/inchecken/scherm/"),),
        note="the QR code and the code for the projector",
    ),
    Row(
        "excuse",
        "update",
        _allow(*PARTICIPANTS),
        pages=(Call("post", P + "bijeenkomsten/{session}/afmelden/", {"reason": "Ziek"}),),
        note="one's own excuse in advance, with a reason",
    ),
    Row(
        "session material",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "bijeenkomsten/{past_session}/materiaal/"),
            Call(
                "post",
                P + "bijeenkomsten/{past_session}/materiaal/",
                {
                    "action": "add",
                    "material-title": "Dia's",
                    "material-url": "https://example.org/dias.pdf",
                },
            ),
            Call(
                "post",
                P + "bijeenkomsten/{past_session}/materiaal/",
                {
                    "action": "lesson",
                    "lesson-kind": "good_practice",
                    "lesson-dimension": "learning_and_change",
                    "lesson-text": "Begin met één vraag.",
                },
            ),
        ),
        note="the coach also turns the summary into a draft lesson for review",
    ),
    Row(
        "feedback",
        "create",
        _allow("owner"),
        pages=(
            Call("get", P + "bijeenkomsten/{past_session}/feedback/"),
            Call(
                "post",
                P + "bijeenkomsten/{past_session}/feedback/",
                {"usefulness": 4, "improvement": ""},
            ),
        ),
        note="only someone who was there gives feedback; the owner attended the past session",
    ),
    # --- calendar feeds -----------------------------------------------------------------------
    Row(
        "calendar feed",
        "update (create or revoke one's own)",
        _allow(*PARTICIPANTS, "coach"),
        pages=(
            Call("get", P + "agenda/"),
            Call("post", P + "agenda/", {"action": "create"}),
            Call("post", P + "agenda/", {"action": "revoke"}),
        ),
    ),
    Row(
        "calendar feed",
        "read",
        _allow(*ROLES),
        pages=(Call("get", "/agenda/{feed_token}.ics"),),
        note="the private URL is the credential: whoever has it reads it, logged in or not",
    ),
    Row(
        "calendar feed",
        "read (revoked)",
        _allow(*ROLES, answer=NOT_FOUND),
        pages=(Call("get", "/agenda/{revoked_feed_token}.ics"),),
    ),
    # --- measurement --------------------------------------------------------------------------
    Row(
        "measurement round",
        "read (list)",
        _allow(*PARTICIPANTS, "coach"),
        pages=(Call("get", P + "metingen/"),),
        api=(Call("get", API + "rounds/"), Call("get", API + "rounds/{round}/")),
    ),
    Row(
        "measurement round",
        "create",
        _allow("coach"),
        pages=(Call("get", P + "metingen/nieuw/"),),
    ),
    Row(
        "measurement round",
        "close",
        _allow("coach"),
        pages=(
            Call("get", P + "metingen/{round}/sluiten/"),
            Call("post", P + "metingen/{round}/sluiten/"),
        ),
        api=(Call("post", API + "rounds/{round}/close/", status=200),),
    ),
    Row(
        "measurement answer",
        "update",
        _allow(*PARTICIPANTS),
        pages=(
            Call("get", P + "metingen/{round}/"),
            Call("post", P + "metingen/{round}/", assessment_data),
        ),
        api=(
            Call("get", API + "rounds/{round}/answers/"),
            Call("put", API + "rounds/{round}/answers/", answers_api_data),
        ),
    ),
    Row(
        "round report",
        "read",
        _allow("owner", "coach", "director", "steering"),
        pages=(
            Call("get", P + "metingen/{closed_round}/verslag/"),
            Call("get", P + "metingen/{closed_round}/verslag/pdf/"),
        ),
        api=(Call("get", API + "rounds/{closed_round}/report/"),),
        note="the owner answered the closed round, the other participant did not",
    ),
    Row(
        "plan",
        "read",
        _allow(*MEMBERS, "steering"),
        pages=(Call("get", P + "plan/"),),
        api=(
            Call("get", API + "plan/"),
            Call("get", API + "plan/actions/"),
            Call("get", API + "plan/actions/{plan_action}/"),
        ),
    ),
    Row(
        "plan",
        "update (ambition and time)",
        _allow("coach", "director"),
        pages=(Call("get", P + "plan/ambitie/"), Call("post", P + "plan/ambitie/", ambition_data)),
        api=(Call("put", API + "plan/", ambition_api_data),),
    ),
    Row(
        "plan action",
        "create",
        _allow("coach", "director"),
        pages=(
            Call("get", P + "plan/acties/nieuw/"),
            Call("post", P + "plan/acties/nieuw/", plan_action_data),
        ),
        api=(Call("post", API + "plan/actions/", plan_action_data),),
    ),
    Row(
        "plan action",
        "update",
        _allow("coach", "director"),
        pages=(
            Call("get", P + "plan/acties/{plan_action}/"),
            Call("post", P + "plan/acties/{plan_action}/", plan_action_data),
        ),
        api=(Call("put", API + "plan/actions/{plan_action}/", plan_action_data),),
    ),
    Row(
        "plan goal",
        "create (adopt the proposed goal)",
        _allow(*PARTICIPANTS),
        pages=(Call("post", P + "plan/acties/{plan_action}/overnemen/"),),
    ),
    Row(
        "stage advice",
        "read",
        _allow(*MEMBERS, "steering"),
        pages=(Call("get", P + "metingen/advies/"),),
    ),
    Row(
        "stage advice",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "metingen/advies/data_analysis/2/"),
            Call("post", P + "metingen/advies/data_analysis/2/", {"looks_like": "Eigen tekst"}),
        ),
    ),
    # --- privacy ------------------------------------------------------------------------------
    Row("privacy page", "read", _allow(*LOGGED_IN), pages=(Call("get", "/privacy/"),)),
    Row(
        "privacy export",
        "read",
        _allow(*LOGGED_IN),
        pages=(Call("post", "/privacy/export/", status=200),),
        api=(Call("get", "/api/v1/me/export/"),),
        note="everyone exports their own data, whatever their roles",
    ),
    Row(
        "privacy consent",
        "update",
        _allow("owner"),
        pages=(Call("post", "/privacy/toestemming/{owner}/", {"share": "on"}),),
    ),
    # --- overview and progress ----------------------------------------------------------------
    Row(
        "overview",
        "read",
        _allow("coach", "director", "steering"),
        pages=(
            Call("get", P + "overzicht/"),
            Call("get", P + "overzicht/export.csv"),
            Call("get", P + "overzicht/export.xlsx"),
        ),
        api=(Call("get", API + "overview/"),),
    ),
    Row("own progress", "read", _allow(*PARTICIPANTS), pages=(Call("get", P + "mijn-voortgang/"),)),
    Row(
        "toolkit",
        "read",
        _allow(*MEMBERS, "steering"),
        pages=(
            Call("get", P + "informatiepakket/"),
            Call("get", P + "informatiepakket/informatiepakket.md"),
            Call("get", P + "informatiepakket/informatiepakket.pdf"),
        ),
    ),
    Row(
        "toolkit",
        "update (publish or revoke the public link)",
        _allow("coach"),
        pages=(
            Call("post", P + "informatiepakket/publiceren/", {"action": "publish"}),
            Call("post", P + "informatiepakket/publiceren/", {"action": "revoke"}),
        ),
    ),
    Row(
        "library",
        "update (publish in or withdraw from the public library, name the organisation)",
        _allow("director"),
        pages=(
            Call("get", P + "bibliotheek/"),
            Call("post", P + "bibliotheek/", {"action": "share"}),
            Call(
                "post",
                P + "bibliotheek/",
                {"action": "describe", "sector": "youth", "size_band": "10-50"},
            ),
            Call("post", P + "bibliotheek/", {"action": "withdraw"}),
        ),
        note="the director's, in their own organisation only",
    ),
    Row(
        "shared library",
        "read",
        _allow(*ROLES),
        pages=(
            Call("get", "/bibliotheek/"),
            Call("get", "/bibliotheek/?q=privacy&stage=3&theme=safe_and_ethical"),
            Call("get", "/bibliotheek/{published}/"),
            Call("get", "/bibliotheek/{published}/casus/{published_case}/"),
            Call("get", "/bibliotheek/{published}/informatiepakket.md"),
        ),
        note="public: what a director published, read without an account",
    ),
    Row(
        "toolkit figures",
        "read",
        _allow("coach", "director"),
        api=(Call("get", API + "toolkit/"),),
        note="the page is every member's; the API, for other tools, is for those who read the "
        "overview",
    ),
    # --- the knowledge network between organisations --------------------------------------------
    Row(
        "benchmark",
        "read",
        _allow("director", "steering"),
        pages=(Call("get", P + "vergelijking/"),),
        api=(Call("get", API + "benchmark/"),),
        note="aggregates over organisations; the coach reads the pilot's own overview",
    ),
    Row(
        "benchmark",
        "update (contribute, or stop)",
        _allow("director"),
        pages=(
            Call("post", P + "vergelijking/meedoen/", {"action": "join"}),
            Call("post", P + "vergelijking/meedoen/", {"action": "leave"}),
        ),
    ),
    Row(
        "contact point",
        "update",
        _allow("director"),
        pages=(
            Call("get", P + "contactpunt/"),
            Call("post", P + "contactpunt/", {"role": "coach", "is_open": "on"}),
        ),
    ),
    Row(
        "contact form",
        "read (an organisation whose form is on)",
        _allow(*ROLES),
        pages=(Call("get", "/netwerk/{organisation_id}/contact/"),),
        note="public; the world's pilot switched its form on",
    ),
    Row(
        "contact form",
        "read (an organisation whose form is off)",
        _allow(*ROLES, answer=NOT_FOUND),
        pages=(Call("get", "/netwerk/{other_organisation_id}/contact/"),),
    ),
    # --- the first-run welcome -------------------------------------------------------------------
    Row(
        "own welcome",
        "update",
        _allow(*MEMBERS, *PARTICIPANT_TASKS, "steering", "expert"),
        pages=(Call("post", P + "welkom-weg/"),),
        note="every member of the pilot dismisses their own welcome; nobody else's",
    ),
    # --- invitations --------------------------------------------------------------------------
    Row(
        "invitation",
        "create",
        _allow("coach"),
        pages=(Call("get", P + "uitnodigen/"),),
        api=(
            Call(
                "post",
                API + "invitations/",
                {"email": "nieuw@example.org", "role": "participant"},
            ),
        ),
    ),
    Row(
        "invitation",
        "read (list)",
        _allow("coach"),
        api=(Call("get", API + "invitations/"),),
    ),
    # --- reminder timing ------------------------------------------------------------------------
    Row(
        "reminder timing",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "herinneringen/"),
            Call(
                "post",
                P + "herinneringen/",
                {"session_days_before": 3, "goal_days_before": 7, "quiet_after_days": 14},
            ),
        ),
        api=(
            Call("get", API + "reminder-timing/"),
            Call("put", API + "reminder-timing/", {"session_days_before": 3}),
        ),
    ),
    # --- integrations ---------------------------------------------------------------------------
    # --- the coach's inbox ---------------------------------------------------------------------
    Row(
        "inbox",
        "read (list)",
        _allow("coach", answer=SHOWN),
        pages=(Call("get", P + "postvak/"),),
        api=(Call("get", API + "inbox/"),),
        marker="{waiting_title}",
        note="what waits for the coach of the pilot; the world's waiting review is in it",
    ),
    Row(
        "xapi integration",
        "update",
        _allow("coach"),
        pages=(
            Call("get", P + "koppelingen/"),
            Call("post", P + "koppelingen/", {"name": "Moodle"}, status=200),
        ),
        note="the page shows a new key's secret at once, so a made key answers 200",
    ),
    Row(
        "work-account login",
        "read (the e-mail step)",
        _allow(*ROLES),
        pages=(Call("get", "/account/werkaccount/"),),
        note="public: the first step of logging in",
    ),
    Row(
        "work-account login",
        "read (an organisation without a provider)",
        _allow(*ROLES, answer=NOT_FOUND),
        pages=(Call("get", "/account/werkaccount/geen-aanbieder/"),),
    ),
    Row(
        "work-account login",
        "read (the way back, with no login under way)",
        _allow(*ROLES),
        pages=(Call("get", "/account/werkaccount-terug/", status=403),),
        note="the refusal page; a login under way is tested in tests/integrations/",
    ),
    # --- the caller's pilots and session feedback ------------------------------------------------
    Row(
        "pilot",
        "read (list)",
        {
            **_allow(*MEMBERS, "steering", "expert", answer=SHOWN),
            **_allow(*OUTSIDERS, answer=HIDDEN),
        },
        api=(Call("get", "/api/v1/pilots/"),),
        marker='"name":"{pilot_name}"',
    ),
    Row(
        "feedback summary",
        "read",
        _allow("coach"),
        api=(Call("get", API + "sessions/{past_session}/feedback/"),),
        note="the coach also reads it on the session page (the session read row)",
    ),
)
