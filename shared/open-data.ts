/**
 * The open data an instance publishes: each dataset's fields with what they
 * mean (the data dictionary), in every UI language. Only published
 * information is in them: the catalogue, published action reports, the
 * implementation status assessments, the approved contributions of civil
 * society, national human rights institutions and academia, and the
 * activities of adopted implementation plans.
 */
import type { Locale } from './i18n/languages';

type Text = Record<Locale, string>;
export interface DatasetField { name: string; type: 'integer' | 'number' | 'string' | 'date' | 'datetime' | 'list'; description: Text }

const f = (name: string, type: DatasetField['type'], en: string, es: string, fr: string, pt: string, ar: string): DatasetField =>
  ({ name, type, description: { en, es, fr, pt, ar } });

/** Fields several datasets share, described once. */
const recommendationIdField = f('recommendation_id', 'integer', 'The recommendation (id of the recommendations dataset)', 'La recomendación (id del conjunto de recomendaciones)', 'La recommandation (identifiant du jeu de recommandations)', 'A recomendação (id do conjunto de recomendações)', 'التوصية (معرّفها في مجموعة بيانات التوصيات)');
const evidenceField = f('evidence', 'list', 'Evidence: links and file download addresses, separated by |', 'Evidencia: enlaces y direcciones de descarga de archivos, separados por |', 'Preuves : liens et adresses de téléchargement des fichiers, séparés par |', 'Evidências: links e endereços de download de arquivos, separados por |', 'الأدلة: روابط وعناوين تنزيل الملفات، تفصل بينها |');

export const DATASETS = {
  recommendations: {
    title: { en: 'Recommendations', es: 'Recomendaciones', fr: 'Recommandations', pt: 'Recomendações', ar: 'التوصيات' },
    fields: [
      f('id', 'integer', 'Identifier in this instance', 'Identificador en esta instancia', 'Identifiant dans cette instance', 'Identificador nesta instância', 'المعرّف في هذا المثيل'),
      f('mechanism', 'string', 'Mechanism code (UPR, CRC, …)', 'Código del mecanismo (EPU = UPR, CRC, …)', 'Code du mécanisme (EPU = UPR, CRC, …)', 'Código do mecanismo (RPU = UPR, CRC, …)', 'رمز الآلية (UPR، CRC، …)'),
      f('kind', 'string', 'recommendation, observation, pledge or operative_point', 'recommendation, observation, pledge u operative_point', 'recommendation, observation, pledge ou operative_point', 'recommendation, observation, pledge ou operative_point', 'recommendation أو observation أو pledge أو operative_point'),
      f('countries', 'list', 'States under review (ISO 3166 alpha-3), separated by |', 'Estados examinados (ISO 3166 alfa-3), separados por |', 'États examinés (ISO 3166 alpha-3), séparés par |', 'Estados examinados (ISO 3166 alfa-3), separados por |', 'الدول قيد الاستعراض (ISO 3166 alpha-3)، تفصل بينها |'),
      f('symbol', 'string', 'UN document symbol', 'Signatura del documento de la ONU', 'Cote du document de l’ONU', 'Símbolo do documento da ONU', 'رمز وثيقة الأمم المتحدة'),
      f('paragraph', 'string', 'Paragraph in the document', 'Párrafo del documento', 'Paragraphe du document', 'Parágrafo do documento', 'الفقرة في الوثيقة'),
      f('date', 'date', 'Date of the document', 'Fecha del documento', 'Date du document', 'Data do documento', 'تاريخ الوثيقة'),
      f('cycle', 'integer', 'UPR cycle', 'Ciclo del EPU', 'Cycle de l’EPU', 'Ciclo da RPU', 'جولة الاستعراض الدوري الشامل'),
      f('session', 'integer', 'UPR Working Group session', 'Sesión del Grupo de Trabajo del EPU', 'Session du Groupe de travail de l’EPU', 'Sessão do Grupo de Trabalho da RPU', 'دورة الفريق العامل المعني بالاستعراض الدوري الشامل'),
      f('position', 'string', 'The State’s position: supported, noted or supported_in_part', 'Posición del Estado: supported (aceptada), noted (tomada nota) o supported_in_part', 'Position de l’État : supported (acceptée), noted (notée) ou supported_in_part', 'Posição do Estado: supported (aceita), noted (anotada) ou supported_in_part', 'موقف الدولة: supported أو noted أو supported_in_part'),
      f('language', 'string', 'Language of the text (ISO 639-1)', 'Idioma del texto (ISO 639-1)', 'Langue du texte (ISO 639-1)', 'Idioma do texto (ISO 639-1)', 'لغة النص (ISO 639-1)'),
      f('text', 'string', 'Text of the recommendation in its original language', 'Texto de la recomendación en su idioma original', 'Texte de la recommandation dans sa langue d’origine', 'Texto da recomendação no idioma original', 'نص التوصية بلغتها الأصلية'),
      f('themes', 'list', 'Themes, separated by |', 'Temas, separados por |', 'Thèmes, séparés par |', 'Temas, separados por |', 'المواضيع، تفصل بينها |'),
      f('affected_persons', 'list', 'Affected persons, separated by |', 'Personas afectadas, separadas por |', 'Personnes concernées, séparées par |', 'Pessoas afetadas, separadas por |', 'الأشخاص المتأثرون، تفصل بينهم |'),
      f('sdg_targets', 'list', 'SDG targets, separated by |', 'Metas de los ODS, separadas por |', 'Cibles des ODD, séparées par |', 'Metas dos ODS, separadas por |', 'غايات أهداف التنمية المستدامة، تفصل بينها |'),
      f('recommending_states', 'list', 'States that made the UPR recommendation, separated by |', 'Estados que formularon la recomendación del EPU, separados por |', 'États auteurs de la recommandation de l’EPU, séparés par |', 'Estados que fizeram a recomendação da RPU, separados por |', 'الدول التي قدّمت توصية الاستعراض الدوري الشامل، تفصل بينها |'),
    ],
  },
  actions: {
    title: { en: 'Published actions', es: 'Acciones publicadas', fr: 'Actions publiées', pt: 'Ações publicadas', ar: 'الإجراءات المنشورة' },
    fields: [
      f('id', 'integer', 'Identifier of the action report', 'Identificador del informe de acción', 'Identifiant du rapport d’action', 'Identificador do relatório de ação', 'معرّف تقرير الإجراء'),
      f('institution', 'string', 'Reporting institution', 'Institución que informa', 'Institution déclarante', 'Instituição que informa', 'المؤسسة المُبلِّغة'),
      f('title', 'string', 'Title in the original language', 'Título en el idioma original', 'Titre dans la langue d’origine', 'Título no idioma original', 'العنوان باللغة الأصلية'),
      f('description', 'string', 'Description in the original language', 'Descripción en el idioma original', 'Description dans la langue d’origine', 'Descrição no idioma original', 'الوصف باللغة الأصلية'),
      f('language', 'string', 'Original language (ISO 639)', 'Idioma original (ISO 639)', 'Langue d’origine (ISO 639)', 'Idioma original (ISO 639)', 'اللغة الأصلية (ISO 639)'),
      f('action_type', 'string', 'legislative, regulatory, policy_plan, programme, budgetary, institutional, judicial, training, awareness or data', 'legislative, regulatory, policy_plan, programme, budgetary, institutional, judicial, training, awareness o data', 'legislative, regulatory, policy_plan, programme, budgetary, institutional, judicial, training, awareness ou data', 'legislative, regulatory, policy_plan, programme, budgetary, institutional, judicial, training, awareness ou data', 'legislative أو regulatory أو policy_plan أو programme أو budgetary أو institutional أو judicial أو training أو awareness أو data'),
      f('reach', 'string', 'structural or individual', 'structural (estructural) o individual', 'structural (structurelle) ou individual (individuelle)', 'structural (estrutural) ou individual', 'structural أو individual'),
      f('start_date', 'date', 'Start', 'Inicio', 'Début', 'Início', 'البداية'),
      f('end_date', 'date', 'End', 'Fin', 'Fin', 'Término', 'النهاية'),
      f('progress', 'integer', 'Progress in percent, as the institution estimates it', 'Avance en porcentaje, según la institución', 'Avancement en pourcentage, selon l’institution', 'Avanço em porcentagem, segundo a instituição', 'التقدم بالنسبة المئوية، كما تقدّره المؤسسة'),
      f('budget_amount', 'number', 'Budget amount', 'Monto del presupuesto', 'Montant du budget', 'Valor do orçamento', 'مبلغ الميزانية'),
      f('budget_currency', 'string', 'Currency (ISO 4217)', 'Moneda (ISO 4217)', 'Monnaie (ISO 4217)', 'Moeda (ISO 4217)', 'العملة (ISO 4217)'),
      f('budget_programme', 'string', 'Budget programme code', 'Código del programa presupuestario', 'Code du programme budgétaire', 'Código do programa orçamentário', 'رمز برنامج الميزانية'),
      f('recommendation_ids', 'list', 'Recommendations it answers (ids of the recommendations dataset), separated by |', 'Recomendaciones a las que responde (ids del conjunto de recomendaciones), separadas por |', 'Recommandations auxquelles elle répond (identifiants du jeu de recommandations), séparées par |', 'Recomendações a que responde (ids do conjunto de recomendações), separadas por |', 'التوصيات التي يستجيب لها (معرّفاتها في مجموعة بيانات التوصيات)، تفصل بينها |'),
      evidenceField,
      f('published_at', 'datetime', 'When the secretariat published it', 'Cuándo la publicó la secretaría', 'Date de publication par le secrétariat', 'Quando a secretaria a publicou', 'تاريخ نشر الأمانة له'),
    ],
  },
  assessments: {
    title: { en: 'Implementation status assessments', es: 'Evaluaciones del estado de implementación', fr: 'Évaluations de l’état de mise en œuvre', pt: 'Avaliações do estado de implementação', ar: 'تقييمات حالة التنفيذ' },
    fields: [
      recommendationIdField,
      f('assessor', 'string', 'government, nhri, civil_society or mechanism', 'government (gobierno), nhri (INDH), civil_society (sociedad civil) o mechanism (mecanismo)', 'government (gouvernement), nhri (INDH), civil_society (société civile) ou mechanism (mécanisme)', 'government (governo), nhri (INDH), civil_society (sociedade civil) ou mechanism (mecanismo)', 'government أو nhri أو civil_society أو mechanism'),
      f('status', 'string', 'Step of the assessor’s scale', 'Nivel de la escala del evaluador', 'Niveau de l’échelle de l’évaluateur', 'Nível da escala do avaliador', 'الدرجة على سلّم الجهة المقيِّمة'),
      f('reason', 'string', 'Why', 'Motivo', 'Motif', 'Motivo', 'السبب'),
      f('assessed_on', 'date', 'Date the assessment holds from', 'Fecha desde la que rige la evaluación', 'Date à partir de laquelle l’évaluation s’applique', 'Data a partir da qual a avaliação vale', 'التاريخ الذي يسري منه التقييم'),
    ],
  },
  contributions: {
    title: { en: 'Contributions of civil society, NHRIs and academia', es: 'Contribuciones de la sociedad civil, las INDH y la academia', fr: 'Contributions de la société civile, des INDH et du monde universitaire', pt: 'Contribuições da sociedade civil, das INDH e da academia', ar: 'مساهمات المجتمع المدني والمؤسسات الوطنية لحقوق الإنسان والأوساط الأكاديمية' },
    fields: [
      f('id', 'integer', 'Identifier of the contribution', 'Identificador de la contribución', 'Identifiant de la contribution', 'Identificador da contribuição', 'معرّف المساهمة'),
      recommendationIdField,
      f('organisation', 'string', 'The organisation that wrote it (verified by the secretariat)', 'La organización que la escribió (verificada por la secretaría)', 'L’organisation qui l’a écrite (vérifiée par le secrétariat)', 'A organização que a escreveu (verificada pela secretaria)', 'المنظمة التي كتبتها (تحققت منها الأمانة)'),
      f('organisation_kind', 'string', 'civil_society, nhri or academia', 'civil_society (sociedad civil), nhri (INDH) o academia', 'civil_society (société civile), nhri (INDH) ou academia (monde universitaire)', 'civil_society (sociedade civil), nhri (INDH) ou academia', 'civil_society أو nhri أو academia'),
      f('kind', 'string', 'comment or assessment', 'comment (comentario) o assessment (evaluación)', 'comment (commentaire) ou assessment (évaluation)', 'comment (comentário) ou assessment (avaliação)', 'comment أو assessment'),
      f('body', 'string', 'The text as written (for an assessment, its reason)', 'El texto tal como se escribió (en una evaluación, su motivo)', 'Le texte tel qu’écrit (pour une évaluation, son motif)', 'O texto como foi escrito (numa avaliação, o seu motivo)', 'النص كما كُتب (سبب التقييم، إن كانت تقييمًا)'),
      f('assessor', 'string', 'For an assessment: the scale it uses, nhri or civil_society', 'En una evaluación: la escala que usa, nhri o civil_society', 'Pour une évaluation : l’échelle utilisée, nhri ou civil_society', 'Numa avaliação: a escala que usa, nhri ou civil_society', 'للتقييم: السلّم الذي يستخدمه، nhri أو civil_society'),
      f('status', 'string', 'For an assessment: the step of that scale', 'En una evaluación: el nivel de esa escala', 'Pour une évaluation : le niveau de cette échelle', 'Numa avaliação: o nível dessa escala', 'للتقييم: الدرجة على ذلك السلّم'),
      evidenceField,
      f('published_at', 'datetime', 'When the secretariat approved it', 'Cuándo la aprobó la secretaría', 'Date d’approbation par le secrétariat', 'Quando a secretaria a aprovou', 'تاريخ موافقة الأمانة عليها'),
    ],
  },
  planned_activities: {
    title: { en: 'Activities of adopted implementation plans', es: 'Actividades de los planes de implementación adoptados', fr: 'Activités des plans de mise en œuvre adoptés', pt: 'Atividades dos planos de implementação adotados', ar: 'أنشطة خطط التنفيذ المعتمدة' },
    fields: [
      f('id', 'integer', 'Identifier of the activity', 'Identificador de la actividad', 'Identifiant de l’activité', 'Identificador da atividade', 'معرّف النشاط'),
      f('plan_id', 'integer', 'Identifier of its plan', 'Identificador de su plan', 'Identifiant de son plan', 'Identificador do seu plano', 'معرّف خطته'),
      f('plan', 'string', 'Title of the plan in its original language', 'Título del plan en su idioma original', 'Titre du plan dans sa langue d’origine', 'Título do plano no idioma original', 'عنوان الخطة بلغتها الأصلية'),
      f('plan_status', 'string', 'adopted or closed', 'adopted (adoptado) o closed (cerrado)', 'adopted (adopté) ou closed (clos)', 'adopted (adotado) ou closed (encerrado)', 'adopted أو closed'),
      f('plan_adopted_on', 'date', 'When the plan was adopted', 'Cuándo se adoptó el plan', 'Date d’adoption du plan', 'Quando o plano foi adotado', 'تاريخ اعتماد الخطة'),
      f('objective', 'string', 'Where the activity sits in the plan: strategic axis > objective > result', 'Dónde está la actividad en el plan: eje estratégico > objetivo > resultado', 'Place de l’activité dans le plan : axe stratégique > objectif > résultat', 'Onde a atividade fica no plano: eixo estratégico > objetivo > resultado', 'موقع النشاط في الخطة: المحور الاستراتيجي > الهدف > النتيجة'),
      f('title', 'string', 'Title in the original language', 'Título en el idioma original', 'Titre dans la langue d’origine', 'Título no idioma original', 'العنوان باللغة الأصلية'),
      f('institution', 'string', 'Lead institution', 'Institución responsable', 'Institution responsable', 'Instituição responsável', 'المؤسسة الرائدة'),
      f('co_responsible', 'list', 'Co-responsible institutions, separated by |', 'Instituciones corresponsables, separadas por |', 'Institutions coresponsables, séparées par |', 'Instituições corresponsáveis, separadas por |', 'المؤسسات المشاركة في المسؤولية، تفصل بينها |'),
      f('start_date', 'date', 'Start', 'Inicio', 'Début', 'Início', 'البداية'),
      f('end_date', 'date', 'End', 'Fin', 'Fin', 'Término', 'النهاية'),
      f('budget_amount', 'number', 'Budget amount', 'Monto del presupuesto', 'Montant du budget', 'Valor do orçamento', 'مبلغ الميزانية'),
      f('budget_currency', 'string', 'Currency (ISO 4217)', 'Moneda (ISO 4217)', 'Monnaie (ISO 4217)', 'Moeda (ISO 4217)', 'العملة (ISO 4217)'),
      f('budget_programme', 'string', 'Budget programme code', 'Código del programa presupuestario', 'Code du programme budgétaire', 'Código do programa orçamentário', 'رمز برنامج الميزانية'),
      f('recommendation_ids', 'list', 'Recommendations it answers (ids of the recommendations dataset), separated by |', 'Recomendaciones a las que responde (ids del conjunto de recomendaciones), separadas por |', 'Recommandations auxquelles elle répond (identifiants du jeu de recommandations), séparées par |', 'Recomendações a que responde (ids do conjunto de recomendações), separadas por |', 'التوصيات التي يستجيب لها (معرّفاتها في مجموعة بيانات التوصيات)، تفصل بينها |'),
      f('sdg_targets', 'list', 'SDG targets it serves, separated by |', 'Metas de los ODS a las que contribuye, separadas por |', 'Cibles des ODD auxquelles elle contribue, séparées par |', 'Metas dos ODS a que contribui, separadas por |', 'غايات أهداف التنمية المستدامة التي يخدمها، تفصل بينها |'),
    ],
  },
} satisfies Record<string, { title: Text; fields: DatasetField[] }>;

export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
