"""The public shared library: a director publishes, anyone reads and searches, nobody is named."""

import io
from types import SimpleNamespace

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Lesson
from proeftuin.models import AuditEvent, LibraryEntry, Proeftuin, Role
from proeftuin.toolkit import library
from tests.conftest import make_pilot
from tests.factories import EthicsReviewFactory, ExperimentFactory, LessonFactory, MembershipFactory
from tests.pages import shows

pytestmark = pytest.mark.django_db

PRIVACY_CASE = "Privacy in het jeugdprogramma"
SECRET_DRAFT = "Geheime conceptles over de ruzie in het team"
SECRET_EXPERIMENT = "Verborgen experiment zonder goedgekeurde les"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The library's rate counts per address in the cache; each test starts with a clean count.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def approved(pilot, text, *, experiment=None, stage=2, themes=(), dimension="data_analysis"):
    return LessonFactory(
        experiment=experiment or ExperimentFactory(owner=pilot.participant),
        kind=Lesson.Kind.GOOD_PRACTICE,
        dimension=dimension,
        text="x",
        toolkit_text=text,
        stage=stage,
        themes=list(themes),
        review=Lesson.Review.APPROVED,
        approved_at=timezone.now(),
    )


def youth_privacy_case(pilot):
    """An experiment about privacy in a youth programme, with an approved lesson."""
    experiment = ExperimentFactory(
        owner=pilot.participant,
        title=PRIVACY_CASE,
        question="Hoe vragen we jongeren om toestemming voor hun gegevens?",
        data_used="Aanmeldformulieren, zonder namen.",
        outcome="De jongeren gaven vaker toestemming toen we het uitlegden.",
    )
    EthicsReviewFactory(experiment=experiment)
    approved(
        pilot,
        "Leg in gewone woorden uit wat er met de gegevens gebeurt.",
        experiment=experiment,
        stage=3,
        themes=["safe_and_ethical"],
        dimension="public_value",
    )
    return experiment


def with_unapproved_items(pilot):
    """Free text no public page may show: a draft lesson and an experiment without approval."""
    LessonFactory(
        experiment=ExperimentFactory(owner=pilot.participant), text=SECRET_DRAFT, toolkit_text=""
    )
    LessonFactory(
        experiment=ExperimentFactory(owner=pilot.participant, title=SECRET_EXPERIMENT),
        text=SECRET_DRAFT,
        toolkit_text=SECRET_DRAFT,
    )


def publish(pilot):
    library.share(proeftuin=pilot.proeftuin, actor=pilot.director.user)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def public_urls(pilot) -> list[str]:
    toolkit = library.public_toolkit(pilot.proeftuin)
    pk = pilot.proeftuin.pk
    return [
        reverse("proeftuin:library-package", args=[pk]),
        reverse("proeftuin:library-md", args=[pk]),
        *(reverse("proeftuin:library-case", args=[pk, case.key]) for case in toolkit.cases),
    ]


# ---- reading without an account ------------------------------------------------------------


def test_a_visitor_without_an_account_finds_a_case_and_downloads_the_pdf(pilot, client):
    experiment = youth_privacy_case(pilot)
    publish(pilot)
    front = client.get(reverse("proeftuin:library")).content.decode()
    case_url = reverse("proeftuin:library-case", args=[pilot.proeftuin.pk, experiment.pk])
    assert f'href="{case_url}"' in front
    case = client.get(case_url).content.decode()
    assert PRIVACY_CASE in case and "Leg in gewone woorden uit" in case
    pdf = client.get(reverse("proeftuin:library-pdf", args=[pilot.proeftuin.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert PRIVACY_CASE in pdf_text(pdf.content)


def test_no_public_page_or_file_shows_a_member_or_an_unapproved_text(client):
    pilots = [make_pilot() for _ in range(3)]
    for pilot in pilots:
        youth_privacy_case(pilot)
        # A lesson that names a member and mails them: the redactor's safety net must hold.
        member = pilot.other_participant.user
        approved(pilot, f"{member.full_name} ({member.email}) maakte de eerste grafiek.")
        with_unapproved_items(pilot)
        publish(pilot)
    never = [SECRET_DRAFT, SECRET_EXPERIMENT]
    for pilot in pilots:
        for membership in pilot.proeftuin.memberships.select_related("user"):
            never += [membership.user.full_name, membership.user.email]
        never.append(pilot.proeftuin.organisation.name)  # none chose to be named
    urls = [reverse("proeftuin:library")]
    urls += [
        reverse("proeftuin:library") + query
        for query in ("?q=privacy", "?q=grafiek", "?q=ruzie", "?kind=lesson", "?theme=means")
    ]
    for pilot in pilots:
        urls += public_urls(pilot)
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.content.decode()
    for pilot in pilots:
        url = reverse("proeftuin:library-pdf", args=[pilot.proeftuin.pk])
        bodies[url] = pdf_text(client.get(url).content)
    for url, body in bodies.items():
        leaks = [text for text in never if shows(body, text)]
        assert not leaks, f"{url} shows {leaks}"
    assert all("maakte de eerste grafiek" in bodies[public_urls(p)[0]] for p in pilots)


def test_an_organisation_is_named_only_when_its_director_chose_so(pilot, client):
    organisation = pilot.proeftuin.organisation
    youth_privacy_case(pilot)
    approved(pilot, f"Bij {organisation.name} begonnen we met de balie.")
    publish(pilot)
    director = pilot.director.user
    library.describe_organisation(
        proeftuin=pilot.proeftuin,
        actor=director,
        named=False,
        sector="social_enterprise",
        size_band="10-50",
    )
    page = client.get(reverse("proeftuin:library-package", args=[pilot.proeftuin.pk]))
    assert "een sociale onderneming, 10-50 medewerkers" in page.content.decode()
    assert organisation.name not in page.content.decode()
    found = client.get(reverse("proeftuin:library") + "?q=balie").content.decode()
    assert "Bij een sociale onderneming, 10-50 medewerkers begonnen" in found
    assert organisation.name not in found
    library.describe_organisation(
        proeftuin=pilot.proeftuin,
        actor=director,
        named=True,
        sector="social_enterprise",
        size_band="10-50",
    )
    page = client.get(reverse("proeftuin:library-package", args=[pilot.proeftuin.pk]))
    assert organisation.name in page.content.decode()


# ---- publishing is the director's --------------------------------------------------------


def settings_url(pilot):
    return reverse("proeftuin:library-settings", args=[pilot.proeftuin.pk])


def test_the_director_publishes_names_and_withdraws_and_each_change_is_audited(pilot, client_for):
    client = client_for(pilot.director)
    assert client.post(settings_url(pilot), {"action": "share"}).status_code == 302
    response = client.post(
        settings_url(pilot),
        {"action": "describe", "named": "on", "sector": "youth", "size_band": "1-10"},
    )
    assert response.status_code == 302
    assert client.post(settings_url(pilot), {"action": "withdraw"}).status_code == 302
    organisation = Proeftuin.objects.get(pk=pilot.proeftuin.pk).organisation
    assert (organisation.named_in_library, organisation.sector, organisation.size_band) == (
        True,
        "youth",
        "1-10",
    )
    codes = list(
        AuditEvent.objects.filter(proeftuin=pilot.proeftuin, actor=pilot.director.user)
        .order_by("at", "pk")
        .values_list("code", flat=True)
    )
    assert codes == [
        "toolkit.library_shared",
        "toolkit.library_named",
        "toolkit.library_described",
        "toolkit.library_withdrawn",
    ]


@pytest.mark.parametrize("action", ["", "publish", "x" * 10_000], ids=["empty", "other", "long"])
def test_a_director_who_sends_no_known_choice_is_told_to_choose_and_nothing_changes(
    pilot, client_for, action
):
    response = client_for(pilot.director).post(settings_url(pilot), {"action": action})
    assert response.status_code == 400
    assert "Kies wat je wilt doen." in response.content.decode()
    assert Proeftuin.objects.get(pk=pilot.proeftuin.pk).toolkit_shared_at is None
    assert not AuditEvent.objects.filter(code__startswith="toolkit.library").exists()


@pytest.mark.parametrize("who", ["coach", "participant", "other director", "anonymous"])
def test_only_the_director_of_that_organisation_publishes_or_names(
    pilot, other_pilot, client_for, client, who
):
    asker = {
        "coach": lambda: client_for(pilot.coach),
        "participant": lambda: client_for(pilot.participant),
        "other director": lambda: client_for(other_pilot.director),
        "anonymous": lambda: client,
    }[who]()
    for data in (
        {"action": "share"},
        {"action": "describe", "named": "on", "sector": "youth", "size_band": "1-10"},
    ):
        response = asker.post(settings_url(pilot), data)
        assert response.status_code == (302 if who == "anonymous" else 404)
        if who == "anonymous":
            assert "/login" in response["Location"] or "inloggen" in response["Location"]
    pilot_now = Proeftuin.objects.select_related("organisation").get(pk=pilot.proeftuin.pk)
    assert pilot_now.toolkit_shared_at is None
    assert not pilot_now.organisation.named_in_library
    assert not AuditEvent.objects.filter(code__startswith="toolkit.library").exists()


def test_the_publishing_service_refuses_anyone_but_the_director(pilot, other_pilot):
    from django.http import Http404

    for actor in (pilot.coach.user, other_pilot.director.user):
        with pytest.raises(Http404):
            library.share(proeftuin=pilot.proeftuin, actor=actor)
    assert Proeftuin.objects.get(pk=pilot.proeftuin.pk).toolkit_shared_at is None


def test_a_sector_outside_the_list_is_a_form_error_and_nothing_is_saved(pilot, client_for):
    response = client_for(pilot.director).post(
        settings_url(pilot), {"action": "describe", "sector": "bank", "size_band": "huge"}
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    organisation = Proeftuin.objects.get(pk=pilot.proeftuin.pk).organisation
    assert organisation.sector == "other" and organisation.size_band == ""


# ---- withdrawn: gone everywhere at once ---------------------------------------------------


def test_a_withdrawn_package_is_404_on_every_old_link_and_gone_from_the_search(pilot, client):
    youth_privacy_case(pilot)
    publish(pilot)
    urls = [*public_urls(pilot), reverse("proeftuin:library-pdf", args=[pilot.proeftuin.pk])]
    assert all(client.get(url).status_code == 200 for url in urls)
    search = reverse("proeftuin:library") + "?q=privacy"
    assert PRIVACY_CASE in client.get(search).content.decode()
    library.withdraw(proeftuin=pilot.proeftuin, actor=pilot.director.user)
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert PRIVACY_CASE not in client.get(search).content.decode()
    assert not LibraryEntry.objects.filter(proeftuin=pilot.proeftuin).exists()


def test_a_lesson_sent_back_to_draft_leaves_the_search_at_once(pilot, client):
    from proeftuin.toolkit import review

    lesson = approved(pilot, "Plan de meting samen met de balie.")
    publish(pilot)
    search = reverse("proeftuin:library") + "?q=balie"
    assert "Plan de meting samen" in client.get(search).content.decode()
    review.send_back_to_draft(lesson=lesson)
    assert "Plan de meting samen" not in client.get(search).content.decode()


def test_a_case_of_an_unpublished_pilot_is_404(pilot, client):
    experiment = youth_privacy_case(pilot)
    url = reverse("proeftuin:library-case", args=[pilot.proeftuin.pk, experiment.pk])
    assert client.get(url).status_code == 404


# ---- search and filters -------------------------------------------------------------------


def entry_titles(client, query: str) -> str:
    return client.get(reverse("proeftuin:library") + query).content.decode()


def test_the_search_finds_another_dutch_word_form_by_stemming(pilot, client):
    youth_privacy_case(pilot)
    publish(pilot)
    # "toestemmingen" is nowhere in the text; "toestemming" is: only a Dutch stemmer joins them.
    assert PRIVACY_CASE in entry_titles(client, "?q=toestemmingen")
    assert PRIVACY_CASE in entry_titles(client, "?q=privacy+jongere")
    assert PRIVACY_CASE not in entry_titles(client, "?q=draaitabel")


def test_the_search_reads_english_as_well(pilot, client):
    lesson = approved(pilot, "Volunteers asked for consent before every interview.")
    publish(pilot)
    assert "Volunteers asked" in entry_titles(client, "?q=interviews&kind=lesson")
    assert lesson.pk


def test_without_postgresql_the_search_falls_back_to_a_plain_match(pilot, monkeypatch):
    youth_privacy_case(pilot)
    publish(pilot)
    monkeypatch.setattr(library, "connection", SimpleNamespace(vendor="sqlite"))
    titles = [e.title for e in library.search(library.Filters(q="jeugdprogramma privacy"))]
    assert PRIVACY_CASE in titles
    assert not list(library.search(library.Filters(q="toestemmingen")))


def test_the_filters_narrow_by_dimension_stage_theme_sector_and_size(client):
    youth, other = make_pilot(), make_pilot()
    youth_privacy_case(youth)
    approved(other, "Begin met een kleine vraag.", stage=1, themes=["starting_small"])
    for pilot, sector, size in ((youth, "youth", "10-50"), (other, "care_and_welfare", "1-10")):
        library.describe_organisation(
            proeftuin=pilot.proeftuin,
            actor=pilot.director.user,
            named=False,
            sector=sector,
            size_band=size,
        )
        publish(pilot)
    cases = "?kind=case"
    assert PRIVACY_CASE in entry_titles(client, cases + "&dimension=public_value")
    assert PRIVACY_CASE not in entry_titles(client, cases + "&dimension=data_analysis")
    assert PRIVACY_CASE in entry_titles(client, cases + "&stage=3")
    assert PRIVACY_CASE not in entry_titles(client, cases + "&stage=1")
    assert PRIVACY_CASE in entry_titles(client, cases + "&theme=safe_and_ethical")
    assert PRIVACY_CASE not in entry_titles(client, cases + "&theme=starting_small")
    assert PRIVACY_CASE in entry_titles(client, cases + "&sector=youth")
    assert PRIVACY_CASE not in entry_titles(client, cases + "&sector=care_and_welfare")
    assert PRIVACY_CASE in entry_titles(client, cases + "&size_band=10-50")
    assert PRIVACY_CASE not in entry_titles(client, cases + "&size_band=1-10")
    small = entry_titles(client, "?kind=lesson&theme=starting_small&size_band=1-10")
    assert "Begin met een kleine vraag." in small and "Leg in gewone woorden" not in small


def test_a_filter_value_outside_its_list_is_a_400_naming_the_field(client):
    response = client.get(reverse("proeftuin:library") + "?stage=9")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_stage_error"' in page


# ---- rate limit and caching ---------------------------------------------------------------


def test_a_visitor_may_cache_a_public_page_in_the_language_asked_for(pilot, client):
    publish(pilot)
    response = client.get(reverse("proeftuin:library-package", args=[pilot.proeftuin.pk]))
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_a_signed_in_member_gets_the_library_not_stored(pilot, client_for):
    publish(pilot)
    response = client_for(pilot.participant).get(reverse("proeftuin:library"))
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_public_pages_are_rate_limited_per_address(pilot, client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"library": "2/minute"})
    answers = [client.get(reverse("proeftuin:library")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert (
        "Probeer het over een minuut opnieuw"
        in client.get(reverse("proeftuin:library")).content.decode()
    )


# ---- the coach's review: stage and themes -------------------------------------------------


def test_the_coach_gives_a_lesson_a_stage_and_themes_and_the_package_groups_by_stage(
    pilot, client_for
):
    lesson = LessonFactory(experiment=ExperimentFactory(owner=pilot.participant), text="Ruw.")
    client = client_for(pilot.coach)
    response = client.post(
        reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, lesson.pk]),
        {
            "action": "approve",
            "toolkit_text": "Neem de collega's van de balie mee.",
            "kind": "good_practice",
            "dimension": "people_and_organisation",
            "stage": 4,
            "themes": ["bringing_people_along", "leadership"],
        },
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.stage == 4 and lesson.themes == ["bringing_people_along", "leadership"]
    page = client.get(reverse("proeftuin:toolkit", args=[pilot.proeftuin.pk])).content.decode()
    by_stage = page.split("Lessen per fase")[1]
    assert "4. Gedreven" in by_stage and "Neem de collega" in by_stage


def test_a_theme_outside_the_vocabulary_is_refused_in_the_review(pilot, client_for):
    lesson = LessonFactory(experiment=ExperimentFactory(owner=pilot.participant), text="Ruw.")
    response = client_for(pilot.coach).post(
        reverse("proeftuin:toolkit-lesson", args=[pilot.proeftuin.pk, lesson.pk]),
        {
            "action": "approve",
            "toolkit_text": "Tekst.",
            "kind": "pitfall",
            "dimension": "public_value",
            "stage": 2,
            "themes": ["gossip"],
        },
    )
    assert response.status_code == 200
    lesson.refresh_from_db()
    assert lesson.review == Lesson.Review.DRAFT


def test_an_outside_expert_of_the_pilot_cannot_publish(pilot):
    from django.http import Http404

    expert = MembershipFactory(proeftuin=pilot.proeftuin, role=Role.EXPERT)
    with pytest.raises(Http404):
        library.share(proeftuin=pilot.proeftuin, actor=expert.user)


def test_the_review_service_refuses_a_theme_or_stage_outside_the_lists(pilot):
    from proeftuin.errors import DomainError
    from proeftuin.toolkit import review

    lesson = LessonFactory(experiment=ExperimentFactory(owner=pilot.participant), text="Ruw.")
    for bad in ({"themes": ["gossip"], "stage": 2}, {"themes": [], "stage": 9}):
        with pytest.raises(DomainError):
            review.approve_lesson(
                lesson=lesson,
                toolkit_text="Tekst.",
                kind="pitfall",
                dimension="public_value",
                **bad,
            )
    lesson.refresh_from_db()
    assert lesson.review == Lesson.Review.DRAFT


# ---- the list of packages, a page at a time -----------------------------------------------


def test_the_library_lists_the_packages_a_page_at_a_time_newest_first(client, monkeypatch):
    monkeypatch.setattr(library, "PACKAGES_PER_PAGE", 2)
    for name in ("Proeftuin Eerste", "Proeftuin Tweede", "Proeftuin Derde"):
        publish(make_pilot(name=name))
    url = reverse("proeftuin:library")

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert "Proeftuin Derde" in first and "Proeftuin Tweede" in first
    assert "Proeftuin Eerste" not in first
    assert 'href="?page=2" rel="next"' in first
    assert "Proeftuin Eerste" in second and "Proeftuin Derde" not in second
    assert 'href="?page=1" rel="prev"' in second and 'rel="next"' not in second


def test_a_page_of_packages_keeps_the_search_and_refuses_a_number_outside_its_range(client):
    pilot = make_pilot()
    approved(pilot, "Plan de meting samen met de balie.")
    publish(pilot)
    url = reverse("proeftuin:library")

    page = client.get(url + "?q=balie&page=1")

    assert page.status_code == 200
    assert "Plan de meting samen" in page.content.decode()
    assert client.get(url + "?page=0").status_code == 400
    assert client.get(url + f"?page={library.LAST_PAGE + 1}").status_code == 400
    refused = client.get(url + "?page=twee")
    assert refused.status_code == 400
    assert "Die pagina van de bibliotheek bestaat niet." in refused.content.decode()


def test_a_search_shows_its_first_results_in_list_order_however_many_match(pilot, monkeypatch):
    monkeypatch.setattr(library, "RESULTS", 3)
    for n in range(4):
        approved(pilot, f"Les {n}: vraag de balie om hulp bij het tellen.")
    publish(pilot)

    found = list(library.search(library.Filters(q="balie")))

    assert [e.kind for e in found] == ["case", "case", "case"]
    assert [e.pk for e in found] == sorted((e.pk for e in found), reverse=True)
    lessons = list(library.search(library.Filters(q="balie", kind="lesson")))
    assert [e.body[:5] for e in lessons] == ["Les 3", "Les 2", "Les 1"]


# ---- the built package is cached under what must change at once ----------------------------


def test_the_package_is_built_once_for_the_views_that_follow(pilot, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    youth_privacy_case(pilot)
    publish(pilot)
    url = reverse("proeftuin:library-package", args=[pilot.proeftuin.pk])
    with CaptureQueriesContext(connection) as first:
        assert PRIVACY_CASE in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        assert PRIVACY_CASE in client.get(url).content.decode()
    assert len(second) <= len(first) - 10


def test_a_lesson_sent_back_to_draft_leaves_the_package_page_at_once(pilot, client):
    from proeftuin.toolkit import review

    lesson = approved(pilot, "Plan de meting samen met de balie.")
    youth_privacy_case(pilot)
    publish(pilot)
    url = reverse("proeftuin:library-package", args=[pilot.proeftuin.pk])
    assert "Plan de meting samen" in client.get(url).content.decode()
    review.send_back_to_draft(lesson=lesson)
    assert "Plan de meting samen" not in client.get(url).content.decode()


def test_a_reader_in_english_gets_the_package_in_english_after_a_dutch_reader(pilot, client):
    from django.conf import settings

    youth_privacy_case(pilot)
    publish(pilot)
    url = reverse("proeftuin:library-md", args=[pilot.proeftuin.pk])
    assert "Publieke waarde" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the footer's choice on this device
    english = client.get(url).content.decode()
    assert "Public value" in english
    assert "Publieke waarde" not in english


def test_a_search_asked_again_takes_its_matches_from_the_cache(pilot):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    approved(pilot, "Vraag de balie om hulp bij het tellen.")
    youth_privacy_case(pilot)
    publish(pilot)
    found = [e.pk for e in library.search(library.Filters(q="balie"))]
    with CaptureQueriesContext(connection) as again:
        assert [e.pk for e in library.search(library.Filters(q="balie"))] == found
    assert not any("tsquery" in q["sql"] for q in again.captured_queries)
    other = {e.pk for e in library.search(library.Filters(q="jongeren"))}
    assert other and other != set(found)


def test_a_package_published_after_a_search_is_found_by_the_next_one(pilot, other_pilot):
    approved(pilot, "Vraag de balie om hulp bij het tellen.")
    publish(pilot)
    assert {e.proeftuin_id for e in library.search(library.Filters(q="balie"))} == {
        pilot.proeftuin.pk
    }
    approved(other_pilot, "Bij de balie telden we mee.")
    publish(other_pilot)

    found = {e.proeftuin_id for e in library.search(library.Filters(q="balie"))}
    assert found == {pilot.proeftuin.pk, other_pilot.proeftuin.pk}
