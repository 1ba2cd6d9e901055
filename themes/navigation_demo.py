"""Demo menus and the footer's pages (about, privacy, partners, contact), run last by
``load_demo_content`` (the menus link to pages other apps create). Idempotent."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import RichText

from campaign.stories.consent import PRIVACY_NOTES
from sitecontent.demo.builder import upsert_child
from sitecontent.models import ResourceIndexPage, StandardPage

from .models import NavigationItem, NavigationMenu

FOOTER_PAGES = {
    "about-the-platform": {
        "en": (
            "About this site",
            "Who runs the Safer Internet Day platform and why.",
            "The platform is shared by the regional networks of Safer Internet Day: each publishes its own material, events and help in its languages, on one site.",
        ),
        "fr": (
            "À propos de ce site",
            "Qui gère la plateforme du Safer Internet Day, et pourquoi.",
            "La plateforme est partagée par les réseaux régionaux du Safer Internet Day : chacun y publie son matériel, ses événements et son aide, dans ses langues.",
        ),
        "es": (
            "Acerca de este sitio",
            "Quién gestiona la plataforma del Día de la Internet Segura y por qué.",
            "Las redes regionales del Día de la Internet Segura comparten la plataforma: cada una publica su material, sus eventos y su ayuda en sus idiomas.",
        ),
        "ar": (
            "عن هذا الموقع",
            "من يدير منصة يوم الإنترنت الآمن ولماذا.",
            "تتشارك الشبكات الإقليمية ليوم الإنترنت الآمن هذه المنصة: تنشر كل شبكة موادها وفعالياتها ووسائل المساعدة بلغاتها.",
        ),
        "ja": (
            "このサイトについて",
            "セーファーインターネットデーのプラットフォームを運営しているのは誰か、そしてその理由。",
            "各地域のネットワークがこのプラットフォームを共有し、それぞれの言語で教材、イベント、相談先を公開しています。",
        ),
    },
    "partners": {
        "en": (
            "Partners",
            "The networks and organisations behind the day.",
            "Insafe and INHOPE in Europe, RedNATIC in Latin America, the Asia-Pacific coalition and the African and Middle Eastern network, with child helplines and hotlines in every country.",
        ),
        "fr": (
            "Partenaires",
            "Les réseaux et organisations derrière la journée.",
            "Insafe et INHOPE en Europe, RedNATIC en Amérique latine, la coalition Asie-Pacifique et le réseau Afrique et Moyen-Orient, avec les lignes d'écoute et de signalement de chaque pays.",
        ),
        "es": (
            "Socios",
            "Las redes y organizaciones detrás del día.",
            "Insafe e INHOPE en Europa, RedNATIC en América Latina, la coalición de Asia y el Pacífico y la red de África y Oriente Medio, con las líneas de ayuda y de denuncia de cada país.",
        ),
        "ar": (
            "الشركاء",
            "الشبكات والمنظمات التي تقف وراء هذا اليوم.",
            "شبكات في أوروبا وأمريكا اللاتينية وآسيا والمحيط الهادئ وأفريقيا والشرق الأوسط، مع خطوط مساعدة الأطفال وخطوط الإبلاغ في كل بلد.",
        ),
        "ja": (
            "パートナー",
            "この日を支えるネットワークと団体。",
            "ヨーロッパ、ラテンアメリカ、アジア太平洋、アフリカ・中東の各ネットワークと、各国の子ども向け相談窓口・通報窓口。",
        ),
    },
    "contact": {
        "en": (
            "Contact",
            "How to reach the Safer Internet Day team.",
            "For questions about the campaign, write to your region's network. If you need help about something that happened online, go to Get help: helplines answer for free.",
        ),
        "fr": (
            "Contact",
            "Comment joindre l'équipe du Safer Internet Day.",
            "Pour une question sur la campagne, écrivez au réseau de votre région. Si vous avez besoin d'aide après un problème en ligne, allez sur « Trouver de l'aide » : les lignes d'écoute sont gratuites.",
        ),
        "es": (
            "Contacto",
            "Cómo comunicarse con el equipo del Día de la Internet Segura.",
            "Para preguntas sobre la campaña, escribe a la red de tu región. Si necesitas ayuda por algo que pasó en internet, ve a «Obtener ayuda»: las líneas de ayuda son gratuitas.",
        ),
        "ar": (
            "اتصل بنا",
            "كيف تتواصل مع فريق يوم الإنترنت الآمن.",
            "للأسئلة عن الحملة، راسل شبكة منطقتك. وإذا احتجت إلى مساعدة بسبب شيء حدث على الإنترنت، فانتقل إلى صفحة المساعدة: خطوط المساعدة مجانية.",
        ),
        "ja": (
            "お問い合わせ",
            "セーファーインターネットデーのチームへの連絡方法。",
            "キャンペーンについての質問は、お住まいの地域のネットワークへどうぞ。ネットで困ったことがあったときは「相談する」へ。相談窓口は無料です。",
        ),
    },
}

PRIVACY_TITLES = {
    "en": ("Privacy", "What we keep about you, and for how long, explained for every age."),
    "fr": ("Confidentialité", "Ce que nous gardons sur vous, et combien de temps, expliqué pour chaque âge."),
    "es": ("Privacidad", "Qué guardamos sobre ti y durante cuánto tiempo, explicado para cada edad."),
    "ar": ("الخصوصية", "ما نحتفظ به عنك ولأي مدة، مشروحًا لكل عمر."),
    "ja": ("プライバシー", "あなたについて何を、どれくらいの期間保存するのか、年齢ごとに説明します。"),
}


def _paragraphs(heading, text):
    return [("heading", {"text": heading, "level": "h2"}), ("paragraph", RichText(f"<p>{escape(text)}</p>"))]


def privacy_body(language: str):
    """The stories' privacy notes per age band (their own translated texts), in ``language``."""
    with translation.override(language):
        blocks = []
        for label, key in ((_("Under 13"), "young"), (_("13 to 17"), "teen"), (_("18 or older"), "adult")):
            blocks += _paragraphs(str(label), str(PRIVACY_NOTES[key]))
        blocks += _paragraphs(
            _("Your privacy"),
            _("This site sets no tracking cookies and loads nothing from other websites."),
        )
    return blocks


def _footer_pages(home):
    pages = []
    for slug, texts in FOOTER_PAGES.items():
        translations = {
            code: {"title": title, "slug": slug, "intro": intro, "body": _paragraphs(title, text)}
            for code, (title, intro, text) in texts.items()
        }
        pages.append(upsert_child(home, StandardPage, slug, translations))
    privacy = {
        code: {"title": title, "slug": "privacy", "intro": intro, "body": privacy_body(code)}
        for code, (title, intro) in PRIVACY_TITLES.items()
    }
    pages.insert(1, upsert_child(home, StandardPage, "privacy", privacy))
    return pages


def _menu(region, placement, links):
    menu, _created = NavigationMenu.objects.get_or_create(region=region, placement=placement)
    menu.items.all().delete()
    for position, link in enumerate(links):
        if isinstance(link, Page):
            NavigationItem.objects.create(menu=menu, page=link, sort_order=position)
        elif link:
            NavigationItem.objects.create(menu=menu, view=link, sort_order=position)
    return menu


def _child(parent, model_name):
    model = apps.get_model(*model_name.split("."))
    return model.objects.child_of(parent).live().order_by("path").first()


def load(demo):
    home = demo.home
    footer = _footer_pages(home)
    global_library = ResourceIndexPage.objects.child_of(home).live().first()
    global_calendar = _child(home, "events.EventCalendarPage")
    _menu(None, "main", [global_library, global_calendar, "help", "editions", "packs"])
    _menu(None, "footer", [*footer, "site_map"])
    for region in demo.regions.values():
        _menu(
            region,
            "main",
            [
                _child(region, "sitecontent.ResourceIndexPage"),
                _child(region, "events.EventCalendarPage"),
                _child(region, "stories.StoryIndexPage"),
                "help",
                "editions",
                "packs",
            ],
        )
    demo.say(f"Menus: global and {len(demo.regions)} regions; footer pages: {len(footer)}")
