"""Texts of the demo site. Written for the demo; not official campaign copy."""

from wagtail.rich_text import RichText


def body(heading, paragraph, key_title, key_text):
    return [
        ("heading", {"text": heading, "level": "h2"}),
        ("paragraph", RichText(f"<p>{paragraph}</p>")),
        ("key_message", {"title": key_title, "text": key_text}),
    ]


HOME = {
    "en": {
        "title": "Safer Internet Day",
        "intro": "One day a year, every region talks about staying safe online: about grooming, sextortion and bullying, and about where to get help.",
        "body": body(
            "Together for a better internet",
            "Schools, families, young people and partners in more than a hundred countries take part. Find material for your class, events near you and stories from other young people.",
            "You are never to blame",
            "If something online worries you, tell an adult you trust or contact a helpline. Help is free and confidential.",
        ),
    },
    "fr": {
        "title": "Journée pour un Internet plus sûr",
        "intro": "Un jour par an, chaque région parle de sécurité en ligne : de pédopiégeage, de sextorsion, de harcèlement, et de l'aide disponible.",
        "body": body(
            "Ensemble pour un meilleur Internet",
            "Des écoles, des familles, des jeunes et des partenaires de plus de cent pays participent. Trouvez du matériel pour votre classe, des événements près de chez vous et des témoignages de jeunes.",
            "Ce n'est jamais ta faute",
            "Si quelque chose en ligne t'inquiète, parles-en à un adulte de confiance ou appelle une ligne d'écoute. L'aide est gratuite et confidentielle.",
        ),
    },
    "es": {
        "title": "Día de la Internet Segura",
        "intro": "Un día al año, cada región habla de seguridad en línea: de grooming, sextorsión y ciberacoso, y de dónde pedir ayuda.",
        "body": body(
            "Juntos por una internet mejor",
            "Escuelas, familias, jóvenes y organizaciones de más de cien países participan. Encuentra materiales para tu clase, eventos cerca de ti e historias de otros jóvenes.",
            "Nunca es tu culpa",
            "Si algo en internet te preocupa, cuéntaselo a un adulto de confianza o llama a una línea de ayuda. La ayuda es gratuita y confidencial.",
        ),
    },
    "pt": {
        "title": "Dia da Internet Mais Segura",
        "intro": "Um dia por ano, cada região fala sobre segurança online: aliciamento, sextorsão e cyberbullying, e onde pedir ajuda.",
        "body": body(
            "Juntos por uma internet melhor",
            "Escolas, famílias, jovens e parceiros de mais de cem países participam. Encontre materiais para a sua turma, eventos perto de si e histórias de outros jovens.",
            "A culpa nunca é tua",
            "Se algo online te preocupa, fala com um adulto de confiança ou liga para uma linha de apoio. A ajuda é gratuita e confidencial.",
        ),
    },
    "de": {
        "title": "Safer Internet Day",
        "intro": "Einmal im Jahr spricht jede Region über Sicherheit im Netz: über Cybergrooming, Sextortion und Mobbing und darüber, wo es Hilfe gibt.",
        "body": body(
            "Gemeinsam für ein besseres Internet",
            "Schulen, Familien, junge Menschen und Partner in über hundert Ländern machen mit. Hier gibt es Material für den Unterricht, Veranstaltungen in deiner Nähe und Geschichten von anderen Jugendlichen.",
            "Du bist nie schuld",
            "Wenn dich etwas im Netz beunruhigt, sprich mit einem Erwachsenen, dem du vertraust, oder ruf eine Beratungsstelle an. Hilfe ist kostenlos und vertraulich.",
        ),
    },
    "ar": {
        "title": "يوم الإنترنت الآمن",
        "intro": "يومٌ واحد في السنة تتحدث فيه كل منطقة عن الأمان على الإنترنت: عن الاستدراج والابتزاز الجنسي والتنمر، وعن أماكن طلب المساعدة.",
        "body": body(
            "معًا من أجل إنترنت أفضل",
            "تشارك مدارس وعائلات وشباب وشركاء من أكثر من مئة بلد. ابحث عن مواد لصفك، وفعاليات قريبة منك، وقصص من شباب آخرين.",
            "الذنب ليس ذنبك أبدًا",
            "إذا أقلقك شيء على الإنترنت، فأخبر شخصًا بالغًا تثق به أو اتصل بخط المساعدة. المساعدة مجانية وسرية.",
        ),
    },
    "zh-hans": {
        "title": "安全互联网日",
        "intro": "每年有一天，每个地区都会讨论网络安全：网络诱骗、性勒索和网络欺凌，以及在哪里可以获得帮助。",
        "body": body(
            "共同建设更好的互联网",
            "一百多个国家的学校、家庭、青少年和合作伙伴参与其中。在这里可以找到课堂材料、附近的活动以及其他年轻人的故事。",
            "这永远不是你的错",
            "如果网上的事情让你担心，请告诉你信任的大人，或者拨打求助热线。帮助是免费且保密的。",
        ),
    },
    "ja": {
        "title": "セーファーインターネットデー",
        "intro": "年に一度、すべての地域がオンラインの安全について話し合う日です。グルーミング、セクストーション、いじめ、そして相談できる場所について。",
        "body": body(
            "より良いインターネットのために",
            "百か国以上の学校、家族、若者、パートナーが参加しています。授業の教材、近くのイベント、ほかの若者の体験談を見つけましょう。",
            "あなたは決して悪くない",
            "ネットで不安なことがあったら、信頼できる大人に話すか、相談窓口に連絡してください。相談は無料で秘密は守られます。",
        ),
    },
    "hi": {
        "title": "सुरक्षित इंटरनेट दिवस",
        "intro": "साल में एक दिन हर क्षेत्र ऑनलाइन सुरक्षा पर बात करता है: ग्रूमिंग, सेक्सटॉर्शन और बदमाशी के बारे में, और मदद कहाँ मिलती है।",
        "body": body(
            "बेहतर इंटरनेट के लिए साथ मिलकर",
            "सौ से अधिक देशों के स्कूल, परिवार, युवा और साझेदार इसमें भाग लेते हैं। अपनी कक्षा के लिए सामग्री, पास के कार्यक्रम और दूसरे युवाओं की कहानियाँ खोजें।",
            "गलती कभी तुम्हारी नहीं है",
            "अगर ऑनलाइन कुछ तुम्हें परेशान करता है, तो किसी भरोसेमंद बड़े को बताओ या हेल्पलाइन पर बात करो। मदद मुफ़्त और गोपनीय है।",
        ),
    },
    "sw": {
        "title": "Siku ya Intaneti Salama",
        "intro": "Siku moja kila mwaka, kila eneo huzungumzia usalama mtandaoni: kurubuniwa, unyanyasaji wa kingono kwa vitisho na uonevu, na mahali pa kupata msaada.",
        "body": body(
            "Pamoja kwa intaneti bora",
            "Shule, familia, vijana na washirika kutoka zaidi ya nchi mia moja hushiriki. Pata nyenzo za darasa lako, matukio karibu nawe na hadithi za vijana wengine.",
            "Si kosa lako kamwe",
            "Kitu chochote mtandaoni kikikutia wasiwasi, mwambie mtu mzima unayemwamini au piga simu ya msaada. Msaada ni bure na wa siri.",
        ),
    },
}

REGIONS = [
    {
        "short_code": "eu",
        "slug": "europe",
        "network_name": "Insafe",
        "network_url": "https://www.betterinternetforkids.eu/",
        "countries": ["BE", "FR", "DE", "ES", "IT", "NL", "PT", "SE", "IE", "PL", "AT", "GR"],
        "languages": ["en", "fr", "de", "es", "pt"],
        "default_language": "en",
        "source_language": "en",
        "time_zone": "Europe/Brussels",
        "fallback_rules": "",
        "primary_colour": "#1a4f8b",
        "accent_colour": "#8a1c4f",
        "translations": {
            "en": {
                "title": "Europe",
                "intro": "Insafe's Safer Internet Centres run awareness centres, helplines and hotlines in every EU country.",
            },
            "fr": {
                "title": "Europe",
                "slug": "europe",
                "intro": "Les centres pour un Internet plus sûr du réseau Insafe animent des centres de sensibilisation, des lignes d'écoute et des lignes de signalement dans chaque pays de l'UE.",
            },
            "de": {
                "title": "Europa",
                "slug": "europa",
                "intro": "Die Safer-Internet-Zentren des Insafe-Netzwerks betreiben in jedem EU-Land Sensibilisierungszentren, Beratungs- und Meldestellen.",
            },
            "es": {
                "title": "Europa",
                "slug": "europa",
                "intro": "Los Centros de Internet Segura de la red Insafe gestionan centros de sensibilización, líneas de ayuda y líneas de denuncia en cada país de la UE.",
            },
            "pt": {
                "title": "Europa",
                "slug": "europa",
                "intro": "Os Centros Internet Segura da rede Insafe mantêm centros de sensibilização, linhas de apoio e linhas de denúncia em cada país da UE.",
            },
        },
    },
    {
        "short_code": "latam",
        "slug": "latin-america",
        "network_name": "RedNATIC",
        "network_url": "https://www.rednatic.net/",
        "countries": ["MX", "AR", "BR", "CL", "CO", "PE", "UY", "CR", "EC", "PY"],
        "languages": ["es", "pt", "en"],
        "default_language": "es",
        "source_language": "es",
        "time_zone": "America/Mexico_City",
        # Brazilian Portuguese readers understand Spanish better than English.
        "fallback_rules": "pt: es, en",
        "primary_colour": "#0b6e4f",
        "accent_colour": "#a4243b",
        "translations": {
            "en": {
                "title": "Latin America",
                "intro": "RedNATIC brings together organisations that protect children's rights online across Latin America.",
            },
            "es": {
                "title": "América Latina",
                "slug": "america-latina",
                "intro": "RedNATIC reúne a organizaciones que defienden los derechos de niñas, niños y adolescentes en internet en toda América Latina.",
            },
            "pt": {"title": "América Latina", "slug": "america-latina", "intro": ""},
            "fr": {
                "title": "Amérique latine",
                "slug": "amerique-latine",
                "intro": "RedNATIC réunit les organisations qui défendent les droits des enfants en ligne dans toute l'Amérique latine.",
            },
        },
    },
    {
        "short_code": "apac",
        "slug": "asia-pacific",
        "network_name": "Asia-Pacific Safer Internet Coalition",
        "network_url": "",
        "countries": ["JP", "CN", "IN", "SG", "AU", "NZ", "KR", "PH", "ID", "TH"],
        "languages": ["en", "zh-hans", "ja", "hi"],
        "default_language": "en",
        "source_language": "en",
        "time_zone": "Asia/Singapore",
        "fallback_rules": "",
        "primary_colour": "#6b2c91",
        "accent_colour": "#0f5c6e",
        "translations": {
            "en": {
                "title": "Asia-Pacific",
                "intro": "Internet companies, helplines and educators across Asia and the Pacific work together for young people's safety online.",
            },
            "zh-hans": {
                "title": "亚太地区",
                "slug": "asia-pacific",
                "intro": "亚洲和太平洋地区的互联网企业、求助热线和教育工作者携手保护青少年的网络安全。",
            },
            "ja": {
                "title": "アジア太平洋",
                "slug": "asia-pacific",
                "intro": "アジア太平洋地域のインターネット企業、相談窓口、教育者が、若者のオンラインの安全のために協力しています。",
            },
            "hi": {
                "title": "एशिया-प्रशांत",
                "slug": "asia-pacific",
                "intro": "एशिया और प्रशांत क्षेत्र की इंटरनेट कंपनियाँ, हेल्पलाइन और शिक्षक युवाओं की ऑनलाइन सुरक्षा के लिए मिलकर काम करते हैं।",
            },
        },
    },
    {
        "short_code": "africa",
        "slug": "africa-middle-east",
        "network_name": "Africa and Middle East Child Online Safety Network",
        "network_url": "",
        "countries": ["EG", "MA", "TN", "JO", "KE", "TZ", "SN", "CI", "NG", "GH", "ZA"],
        "languages": ["ar", "fr", "sw", "en"],
        "default_language": "en",
        "source_language": "en",
        "time_zone": "Africa/Nairobi",
        "fallback_rules": "ar: fr, en\nsw: en",
        "primary_colour": "#8a4b08",
        "accent_colour": "#1d5e86",
        "translations": {
            "en": {
                "title": "Africa and the Middle East",
                "intro": "Child helplines, schools and civil society from Cairo to Cape Town raise awareness of online safety.",
            },
            "ar": {
                "title": "أفريقيا والشرق الأوسط",
                "slug": "africa-middle-east",
                "intro": "تعمل خطوط مساعدة الأطفال والمدارس والمجتمع المدني من القاهرة إلى كيب تاون على التوعية بالأمان على الإنترنت.",
            },
            "fr": {
                "title": "Afrique et Moyen-Orient",
                "slug": "afrique-moyen-orient",
                "intro": "Des lignes d'écoute pour enfants, des écoles et la société civile, du Caire au Cap, sensibilisent à la sécurité en ligne.",
            },
            "sw": {
                "title": "Afrika na Mashariki ya Kati",
                "slug": "afrika-mashariki-ya-kati",
                "intro": "Simu za msaada kwa watoto, shule na mashirika ya kiraia kutoka Cairo hadi Cape Town huelimisha kuhusu usalama mtandaoni.",
            },
        },
    },
]

ABOUT = {
    "en": (
        "About Safer Internet Day",
        "about",
        "How the day works in this region and how to take part.",
        body(
            "Taking part",
            "Schools can hold a lesson, families can talk at dinner, and young people can share their own story.",
            "Start a conversation",
            "Ask what apps your friends use and how they keep safe.",
        ),
    ),
    "fr": (
        "À propos de la Journée",
        "a-propos",
        "Comment la journée se déroule dans cette région et comment y participer.",
        body(
            "Participer",
            "Les écoles peuvent organiser une leçon, les familles en parler au dîner et les jeunes partager leur propre histoire.",
            "Lancez la conversation",
            "Demandez quelles applis utilisent vos amis et comment ils se protègent.",
        ),
    ),
    "es": (
        "Sobre el Día",
        "sobre-el-dia",
        "Cómo funciona el día en esta región y cómo participar.",
        body(
            "Participa",
            "Las escuelas pueden dar una clase, las familias pueden hablar en la cena y los jóvenes pueden compartir su historia.",
            "Empieza la conversación",
            "Pregunta qué aplicaciones usan tus amigos y cómo se protegen.",
        ),
    ),
    "pt": (
        "Sobre o Dia",
        "sobre-o-dia",
        "Como o dia funciona nesta região e como participar.",
        body(
            "Participe",
            "As escolas podem dar uma aula, as famílias podem conversar ao jantar e os jovens podem partilhar a sua história.",
            "Comece a conversa",
            "Pergunte que aplicações os seus amigos usam e como se protegem.",
        ),
    ),
    "de": (
        "Über den Aktionstag",
        "ueber-den-tag",
        "Wie der Tag in dieser Region abläuft und wie man mitmacht.",
        body(
            "Mitmachen",
            "Schulen können eine Unterrichtsstunde gestalten, Familien beim Abendessen darüber sprechen und Jugendliche ihre eigene Geschichte teilen.",
            "Ins Gespräch kommen",
            "Frag, welche Apps deine Freunde nutzen und wie sie sich schützen.",
        ),
    ),
    "ar": (
        "عن يوم الإنترنت الآمن",
        "about",
        "كيف يجري اليوم في هذه المنطقة وكيف تشارك فيه.",
        body(
            "شارك",
            "يمكن للمدارس تقديم درس، وللعائلات الحديث على العشاء، وللشباب مشاركة قصصهم.",
            "ابدأ الحديث",
            "اسأل أصدقاءك عن التطبيقات التي يستخدمونها وكيف يحمون أنفسهم.",
        ),
    ),
    "zh-hans": (
        "关于安全互联网日",
        "about",
        "本地区如何开展这一天的活动，以及如何参与。",
        body(
            "参与方式",
            "学校可以上一堂课，家庭可以在晚餐时聊一聊，年轻人可以分享自己的故事。",
            "开始对话",
            "问问朋友们用哪些应用，以及他们如何保护自己。",
        ),
    ),
    "ja": (
        "セーファーインターネットデーについて",
        "about",
        "この地域での取り組みと参加の方法。",
        body(
            "参加しよう",
            "学校は授業を、家族は夕食時の会話を、若者は自分の体験を共有できます。",
            "話してみよう",
            "友だちがどんなアプリを使い、どう身を守っているか聞いてみましょう。",
        ),
    ),
    "hi": (
        "सुरक्षित इंटरनेट दिवस के बारे में",
        "about",
        "इस क्षेत्र में यह दिन कैसे मनाया जाता है और कैसे भाग लें।",
        body(
            "भाग लें",
            "स्कूल एक पाठ रख सकते हैं, परिवार खाने पर बात कर सकते हैं और युवा अपनी कहानी साझा कर सकते हैं।",
            "बातचीत शुरू करें",
            "पूछिए कि आपके दोस्त कौन से ऐप इस्तेमाल करते हैं और खुद को कैसे सुरक्षित रखते हैं।",
        ),
    ),
    "sw": (
        "Kuhusu Siku ya Intaneti Salama",
        "kuhusu",
        "Jinsi siku hii inavyofanyika katika eneo hili na jinsi ya kushiriki.",
        body(
            "Shiriki",
            "Shule zinaweza kufundisha somo, familia zinaweza kuzungumza wakati wa chakula na vijana wanaweza kushiriki hadithi zao.",
            "Anzisha mazungumzo",
            "Uliza marafiki zako wanatumia programu gani na jinsi wanavyojilinda.",
        ),
    ),
}

TIPS = {
    "en": (
        "Five tips for staying safe online",
        "tips",
        "Short advice young people gave us, in their own words.",
        body(
            "Five tips",
            "Keep your accounts private. Think before you share a picture. Never meet someone you only know online without an adult. Block and report. Talk to someone you trust.",
            "Screenshots help",
            "If someone threatens you, keep the messages: they help the helpline and the police.",
        ),
    ),
    "fr": (
        "Cinq conseils pour rester en sécurité en ligne",
        "conseils",
        "Des conseils courts donnés par des jeunes, avec leurs mots.",
        body(
            "Cinq conseils",
            "Garde tes comptes privés. Réfléchis avant de partager une photo. Ne rencontre jamais seul quelqu'un que tu connais seulement en ligne. Bloque et signale. Parle à quelqu'un de confiance.",
            "Les captures d'écran aident",
            "Si quelqu'un te menace, garde les messages : ils aident la ligne d'écoute et la police.",
        ),
    ),
    "es": (
        "Cinco consejos para estar seguro en internet",
        "consejos",
        "Consejos breves que nos dieron jóvenes, con sus palabras.",
        body(
            "Cinco consejos",
            "Mantén tus cuentas privadas. Piensa antes de compartir una foto. Nunca te encuentres a solas con alguien que solo conoces por internet. Bloquea y denuncia. Habla con alguien de confianza.",
            "Las capturas ayudan",
            "Si alguien te amenaza, guarda los mensajes: ayudan a la línea de ayuda y a la policía.",
        ),
    ),
    "de": (
        "Fünf Tipps für mehr Sicherheit im Netz",
        "tipps",
        "Kurze Ratschläge von Jugendlichen, in ihren eigenen Worten.",
        body(
            "Fünf Tipps",
            "Stell deine Konten auf privat. Denk nach, bevor du ein Bild teilst. Triff niemanden allein, den du nur online kennst. Blockieren und melden. Sprich mit jemandem, dem du vertraust.",
            "Screenshots helfen",
            "Wenn dich jemand bedroht, bewahre die Nachrichten auf: Sie helfen der Beratungsstelle und der Polizei.",
        ),
    ),
    "ar": (
        "خمس نصائح للبقاء آمنًا على الإنترنت",
        "tips",
        "نصائح قصيرة قدّمها لنا شباب بكلماتهم.",
        body(
            "خمس نصائح",
            "اجعل حساباتك خاصة. فكّر قبل أن تشارك صورة. لا تقابل وحدك شخصًا تعرفه عبر الإنترنت فقط. احظر وأبلغ. تحدّث إلى شخص تثق به.",
            "لقطات الشاشة تساعد",
            "إذا هددك أحد، احتفظ بالرسائل: فهي تساعد خط المساعدة والشرطة.",
        ),
    ),
    "zh-hans": (
        "网络安全五条建议",
        "tips",
        "年轻人用自己的话给出的简短建议。",
        body(
            "五条建议",
            "把账号设为私密。分享照片前先想一想。不要单独去见只在网上认识的人。拉黑并举报。和你信任的人谈谈。",
            "截图很有用",
            "如果有人威胁你，请保留消息记录：这对求助热线和警方都有帮助。",
        ),
    ),
    "ja": (
        "ネットで安全に過ごす5つのヒント",
        "tips",
        "若者たちが自分の言葉で教えてくれた短いアドバイス。",
        body(
            "5つのヒント",
            "アカウントは非公開に。写真を共有する前に考えよう。ネットだけの知り合いと一人で会わない。ブロックして通報。信頼できる人に話そう。",
            "スクリーンショットが役に立つ",
            "脅されたらメッセージを残しておこう。相談窓口や警察の助けになります。",
        ),
    ),
    "hi": (
        "ऑनलाइन सुरक्षित रहने के पाँच सुझाव",
        "tips",
        "युवाओं ने अपने शब्दों में दिए छोटे सुझाव।",
        body(
            "पाँच सुझाव",
            "अपने खाते निजी रखें। फ़ोटो साझा करने से पहले सोचें। जिसे सिर्फ़ ऑनलाइन जानते हैं उससे अकेले न मिलें। ब्लॉक करें और रिपोर्ट करें। किसी भरोसेमंद से बात करें।",
            "स्क्रीनशॉट मदद करते हैं",
            "अगर कोई धमकी दे, तो संदेश संभाल कर रखें: ये हेल्पलाइन और पुलिस की मदद करते हैं।",
        ),
    ),
    "sw": (
        "Vidokezo vitano vya kuwa salama mtandaoni",
        "vidokezo",
        "Ushauri mfupi kutoka kwa vijana, kwa maneno yao wenyewe.",
        body(
            "Vidokezo vitano",
            "Weka akaunti zako kuwa za faragha. Fikiri kabla ya kushiriki picha. Usikutane peke yako na mtu unayemjua mtandaoni tu. Zuia na uripoti. Ongea na mtu unayemwamini.",
            "Picha za skrini husaidia",
            "Mtu akikutishia, hifadhi ujumbe: unasaidia simu ya msaada na polisi.",
        ),
    ),
}
