"""Demo good-practice guides: steps, a key message and a case study ending in questions."""

GUIDE_BODY = {
    "en": {
        "steps": [
            ("Listen first", "Let the child tell what happened in their own words. Do not interrupt."),
            ("Say it is not their fault", "Whatever happened, the adult who pressured them is responsible."),
            (
                "Keep the evidence, then report",
                "Take screenshots, do not delete the chat, and report to the platform and the hotline.",
            ),
        ],
        "message": ("Never their fault", "Children who tell you about abuse online took a brave step. Thank them."),
        "case": (
            "Sam's new friend",
            "Sam, 11, meets a friendly player in a game. After a week the player asks Sam to move to a private app and to keep it secret.",
            [
                "What is the first sign that something is wrong?",
                "Who could Sam talk to?",
                "What could Sam say to the player?",
            ],
        ),
    },
    "fr": {
        "steps": [
            ("Écouter d'abord", "Laissez l'enfant raconter avec ses propres mots. Ne l'interrompez pas."),
            (
                "Dire que ce n'est pas sa faute",
                "Quoi qu'il se soit passé, l'adulte qui a fait pression est responsable.",
            ),
            (
                "Garder les preuves, puis signaler",
                "Faites des captures d'écran, ne supprimez pas la conversation, signalez à la plateforme et à la ligne d'aide.",
            ),
        ],
        "message": (
            "Jamais sa faute",
            "Un enfant qui vous parle d'un abus en ligne a fait un pas courageux. Remerciez-le.",
        ),
        "case": (
            "Le nouvel ami de Sam",
            "Sam, 11 ans, rencontre un joueur sympathique dans un jeu. Une semaine plus tard, le joueur lui demande de passer sur une application privée et de garder le secret.",
            [
                "Quel est le premier signe que quelque chose ne va pas ?",
                "À qui Sam pourrait-il en parler ?",
                "Que pourrait répondre Sam au joueur ?",
            ],
        ),
    },
    "es": {
        "steps": [
            ("Escuchar primero", "Deja que el niño cuente lo que pasó con sus propias palabras. No lo interrumpas."),
            ("Decir que no es su culpa", "Pase lo que pase, el adulto que lo presionó es el responsable."),
            (
                "Guardar las pruebas y denunciar",
                "Haz capturas de pantalla, no borres el chat y denuncia en la plataforma y en la línea de ayuda.",
            ),
        ],
        "message": (
            "Nunca es su culpa",
            "Un niño que te cuenta un abuso en línea ha dado un paso valiente. Agradéceselo.",
        ),
        "case": (
            "El nuevo amigo de Sam",
            "Sam, de 11 años, conoce a un jugador simpático en un juego. Una semana después, el jugador le pide pasar a una aplicación privada y guardar el secreto.",
            [
                "¿Cuál es la primera señal de que algo va mal?",
                "¿Con quién podría hablar Sam?",
                "¿Qué podría responder Sam?",
            ],
        ),
    },
    "pt": {
        "steps": [
            ("Ouvir primeiro", "Deixe a criança contar o que aconteceu com as suas palavras. Não interrompa."),
            ("Dizer que a culpa não é dela", "Aconteça o que acontecer, o adulto que a pressionou é o responsável."),
            (
                "Guardar as provas e denunciar",
                "Faça capturas de ecrã, não apague a conversa e denuncie à plataforma e à linha de ajuda.",
            ),
        ],
        "message": ("Nunca é culpa dela", "Uma criança que lhe conta um abuso online deu um passo corajoso. Agradeça."),
        "case": (
            "O novo amigo do Sam",
            "O Sam, de 11 anos, conhece um jogador simpático num jogo. Uma semana depois, o jogador pede-lhe para mudar para uma aplicação privada e guardar segredo.",
            ["Qual é o primeiro sinal de que algo está errado?", "Com quem o Sam poderia falar?"],
        ),
    },
    "de": {
        "steps": [
            ("Zuerst zuhören", "Lassen Sie das Kind in eigenen Worten erzählen. Unterbrechen Sie nicht."),
            (
                "Sagen, dass es keine Schuld trägt",
                "Was auch passiert ist: Verantwortlich ist der Erwachsene, der Druck gemacht hat.",
            ),
            (
                "Beweise sichern, dann melden",
                "Screenshots machen, den Chat nicht löschen, bei der Plattform und der Meldestelle melden.",
            ),
        ],
        "message": ("Niemals seine Schuld", "Ein Kind, das von Missbrauch im Netz erzählt, war mutig. Danken Sie ihm."),
        "case": (
            "Sams neuer Freund",
            "Sam, 11, lernt in einem Spiel einen netten Mitspieler kennen. Nach einer Woche bittet er Sam, in eine private App zu wechseln und es geheim zu halten.",
            ["Was ist das erste Warnzeichen?", "Mit wem könnte Sam sprechen?"],
        ),
    },
    "ja": {
        "steps": [
            ("まず聴く", "子どもが自分の言葉で話せるようにし、途中で遮らないでください。"),
            ("あなたのせいではないと伝える", "何があっても、責任は圧力をかけた大人にあります。"),
            (
                "証拠を残し、通報する",
                "スクリーンショットを撮り、チャットを消さずに、プラットフォームと相談窓口に通報します。",
            ),
        ],
        "message": (
            "決して子どものせいではない",
            "ネット上の被害を打ち明けた子どもは勇気を出しました。感謝を伝えましょう。",
        ),
        "case": (
            "サムの新しい友だち",
            "11歳のサムはゲームで親切なプレイヤーと出会います。1週間後、そのプレイヤーは別のアプリで秘密に話そうと言います。",
            ["最初のおかしなサインは何ですか？", "サムは誰に相談できますか？"],
        ),
    },
    "sw": {
        "steps": [
            ("Sikiliza kwanza", "Mwache mtoto aeleze kilichotokea kwa maneno yake mwenyewe. Usimkatize."),
            ("Mwambie si kosa lake", "Chochote kilichotokea, mtu mzima aliyemshinikiza ndiye anayewajibika."),
            (
                "Hifadhi ushahidi, kisha ripoti",
                "Piga picha za skrini, usifute mazungumzo, ripoti kwa jukwaa na kwa simu ya msaada.",
            ),
        ],
        "message": ("Si kosa lake kamwe", "Mtoto anayekueleza kuhusu unyanyasaji mtandaoni amekuwa jasiri. Mshukuru."),
        "case": (
            "Rafiki mpya wa Sam",
            "Sam, mwenye miaka 11, anakutana na mchezaji mwema kwenye mchezo. Baada ya wiki moja, mchezaji anamwomba wahamie programu ya siri.",
            ["Ishara ya kwanza ya hatari ni ipi?", "Sam anaweza kuzungumza na nani?"],
        ),
    },
}

# (region, slug, topic, languages, {language: (title, summary)})
GUIDES = [
    (
        "eu",
        "talking-about-grooming",
        "grooming",
        ["en", "fr", "de", "es"],
        {
            "en": (
                "Talking about grooming with 9 to 12 year olds",
                "How to open the subject, listen, and act when a child tells you something.",
            ),
            "fr": (
                "Parler du pédopiégeage avec les 9–12 ans",
                "Aborder le sujet, écouter, et agir quand un enfant se confie.",
            ),
            "de": (
                "Mit 9- bis 12-Jährigen über Cybergrooming sprechen",
                "Das Thema ansprechen, zuhören und handeln, wenn ein Kind sich anvertraut.",
            ),
            "es": (
                "Hablar del grooming con niños de 9 a 12 años",
                "Cómo abrir el tema, escuchar y actuar cuando un niño te cuenta algo.",
            ),
        },
    ),
    (
        "eu",
        "when-a-child-is-bullied-online",
        "cyberbullying",
        ["en", "fr", "de"],
        {
            "en": ("When a child is bullied online", "Steps for the first conversation and for the class afterwards."),
            "fr": (
                "Quand un enfant est harcelé en ligne",
                "Les étapes de la première conversation et du travail en classe ensuite.",
            ),
            "de": (
                "Wenn ein Kind online gemobbt wird",
                "Schritte für das erste Gespräch und die Arbeit mit der Klasse.",
            ),
        },
    ),
    (
        "latam",
        "hablar-de-sextorsion",
        "sextortion",
        ["es", "pt", "en"],
        {
            "es": ("Hablar de sextorsión en el aula", "Cómo explicar la sextorsión sin culpar y qué hacer si ocurre."),
            "pt": (
                "Falar de sextorsão na sala de aula",
                "Como explicar a sextorsão sem culpar e o que fazer se acontecer.",
            ),
            "en": (
                "Talking about sextortion in class",
                "Explaining sextortion without blame, and what to do if it happens.",
            ),
        },
    ),
    (
        "latam",
        "denunciar-y-pedir-ayuda",
        "reporting",
        ["es", "pt"],
        {
            "es": (
                "Denunciar y pedir ayuda: guía para docentes",
                "Dónde y cómo denunciar, y cómo acompañar al estudiante.",
            ),
            "pt": (
                "Denunciar e pedir ajuda: guia para professores",
                "Onde e como denunciar, e como acompanhar o aluno.",
            ),
        },
    ),
    (
        "apac",
        "live-streaming-safety",
        "live-streaming",
        ["en", "ja"],
        {
            "en": (
                "Live-streaming: a guide for schools",
                "What children meet on live streams and how to talk about it.",
            ),
            "ja": ("ライブ配信：学校向けガイド", "子どもがライブ配信で出会う危険と、その話し方。"),
        },
    ),
    (
        "africa",
        "healthy-relationships-online",
        "relationships",
        ["en", "sw", "fr"],
        {
            "en": ("Healthy relationships online", "Helping teenagers recognise respect, pressure and control online."),
            "sw": (
                "Mahusiano yenye afya mtandaoni",
                "Kuwasaidia vijana kutambua heshima, shinikizo na udhibiti mtandaoni.",
            ),
            "fr": (
                "Des relations saines en ligne",
                "Aider les adolescents à reconnaître le respect, la pression et le contrôle en ligne.",
            ),
        },
    ),
]
