/**
 * Every reason the importer gives for refusing a file or a row, in every
 * language of the web app.
 *
 * The parsers report a reason as data, its code and the values of its
 * placeholders (`importReason`), and every reader writes it in its language
 * (`reasonText`): the web import in the reader's, the command line in English.
 *
 * Placeholders:
 *   {value}, {values}  the source's value(s) as the parsers quote them, verbatim
 *   {field}, {columns} column or field names of the file, as written there
 *   {detail}           a message of the CSV or JSON reader (in English)
 *   {line}, {record}, {session}  numbers
 * Column names and the values a column accepts (`supported`, `Accepted`, …)
 * are the file's own words and stay as they are in every language.
 */
import type { Locale } from '../../../platform/http/locale';

/** What the importer can read, in the reasons that list it. */
const KNOWN = {
  en: 'a UHRI export (JSON or Excel), a UPR Info CSV, UPR matrix JSON lines, or a CSV/Excel table with the columns mechanism, country, language, date, paragraph, symbol, text',
  es: 'una exportación del UHRI (JSON o Excel), un CSV de UPR Info, líneas JSON de la matriz del EPU o una tabla CSV/Excel con las columnas mechanism, country, language, date, paragraph, symbol, text',
  fr: "une exportation de l'UHRI (JSON ou Excel), un CSV d'UPR Info, des lignes JSON de la matrice de l'EPU ou un tableau CSV/Excel avec les colonnes mechanism, country, language, date, paragraph, symbol, text",
  pt: 'uma exportação do UHRI (JSON ou Excel), um CSV da UPR Info, linhas JSON da matriz da RPU ou uma tabela CSV/Excel com as colunas mechanism, country, language, date, paragraph, symbol, text',
  ar: 'ملف مُصدَّر من الفهرس العالمي لحقوق الإنسان (UHRI) بصيغة JSON أو Excel، أو ملف CSV من UPR Info، أو أسطر JSON من مصفوفة الاستعراض الدوري الشامل، أو جدول CSV/Excel بالأعمدة mechanism, country, language, date, paragraph, symbol, text',
} as const;

export const REASONS = {
  // -------------------------------------------------------------------------
  // The file as a whole

  file_empty: {
    en: 'the file is empty',
    es: 'el archivo está vacío',
    fr: 'le fichier est vide',
    pt: 'o arquivo está vazio',
    ar: 'الملف فارغ',
  },
  no_recommendations: {
    en: 'the file holds no recommendations',
    es: 'el archivo no contiene ninguna recomendación',
    fr: 'le fichier ne contient aucune recommandation',
    pt: 'o arquivo não contém nenhuma recomendação',
    ar: 'لا يحتوي الملف على أي توصيات',
  },
  binary_file: {
    en: `the file is binary, not ${KNOWN.en}`,
    es: `el archivo es binario y no es ${KNOWN.es}`,
    fr: `le fichier est binaire et n'est pas ${KNOWN.fr}`,
    pt: `o arquivo é binário e não é ${KNOWN.pt}`,
    ar: `الملف ثنائي، وليس ${KNOWN.ar}`,
  },
  unknown_format: {
    en: `cannot tell the format of the file: expected ${KNOWN.en}`,
    es: `no se puede determinar el formato del archivo: se esperaba ${KNOWN.es}`,
    fr: `impossible de déterminer le format du fichier ; formats acceptés : ${KNOWN.fr}`,
    pt: `não é possível determinar o formato do arquivo: esperava-se ${KNOWN.pt}`,
    ar: `تعذّر تحديد صيغة الملف: المتوقع ${KNOWN.ar}`,
  },
  unknown_format_json_lines: {
    en: `cannot tell the format of the file: JSON lines without state_under_review; expected ${KNOWN.en}`,
    es: `no se puede determinar el formato del archivo: líneas JSON sin state_under_review; se esperaba ${KNOWN.es}`,
    fr: `impossible de déterminer le format du fichier (lignes JSON sans state_under_review) ; formats acceptés : ${KNOWN.fr}`,
    pt: `não é possível determinar o formato do arquivo: linhas JSON sem state_under_review; esperava-se ${KNOWN.pt}`,
    ar: `تعذّر تحديد صيغة الملف: أسطر JSON بلا state_under_review؛ المتوقع ${KNOWN.ar}`,
  },
  old_office_file: {
    en: 'the file is an old Excel 97–2003 workbook (.xls) or another Office binary file: save it as .xlsx and import it again',
    es: 'el archivo es un libro antiguo de Excel 97–2003 (.xls) u otro archivo binario de Office: guárdelo como .xlsx e impórtelo de nuevo',
    fr: "le fichier est un ancien classeur Excel 97–2003 (.xls) ou un autre fichier binaire Office : enregistrez-le au format .xlsx et importez-le à nouveau",
    pt: 'o arquivo é uma pasta de trabalho antiga do Excel 97–2003 (.xls) ou outro arquivo binário do Office: salve-o como .xlsx e importe-o novamente',
    ar: 'الملف مصنف Excel قديم بإصدار 97–2003 (.xls) أو ملف Office ثنائي آخر: احفظه بصيغة .xlsx ثم استورده من جديد',
  },
  zip_not_importable: {
    en: 'the file is a ZIP archive but not an Excel workbook (.xlsx): it cannot be imported',
    es: 'el archivo es un ZIP, pero no un libro de Excel (.xlsx): no se puede importar',
    fr: "le fichier est une archive ZIP mais pas un classeur Excel (.xlsx) : il ne peut pas être importé",
    pt: 'o arquivo é um ZIP, mas não uma pasta de trabalho do Excel (.xlsx): não pode ser importado',
    ar: 'الملف أرشيف ZIP وليس مصنف Excel (.xlsx): لا يمكن استيراده',
  },
  zip_not_workbook: {
    en: 'the file is a ZIP archive but not an Excel workbook (.xlsx)',
    es: 'el archivo es un ZIP, pero no un libro de Excel (.xlsx)',
    fr: 'le fichier est une archive ZIP mais pas un classeur Excel (.xlsx)',
    pt: 'o arquivo é um ZIP, mas não uma pasta de trabalho do Excel (.xlsx)',
    ar: 'الملف أرشيف ZIP وليس مصنف Excel (.xlsx)',
  },
  not_xlsx: {
    en: 'the file is not an Excel workbook (.xlsx)',
    es: 'el archivo no es un libro de Excel (.xlsx)',
    fr: "le fichier n'est pas un classeur Excel (.xlsx)",
    pt: 'o arquivo não é uma pasta de trabalho do Excel (.xlsx)',
    ar: 'الملف ليس مصنف Excel (.xlsx)',
  },
  workbook_damaged: {
    en: 'the workbook is truncated or damaged: its ZIP archive cannot be read ({detail})',
    es: 'el libro de Excel está truncado o dañado: no se puede leer su archivo ZIP ({detail})',
    fr: 'le classeur est tronqué ou endommagé : son archive ZIP est illisible ({detail})',
    pt: 'a pasta de trabalho está truncada ou danificada: não é possível ler o seu arquivo ZIP ({detail})',
    ar: 'المصنف مبتور أو تالف: تتعذّر قراءة أرشيف ZIP الخاص به ({detail})',
  },
  workbook_unreadable: {
    en: 'the workbook cannot be read ({detail})',
    es: 'no se puede leer el libro de Excel ({detail})',
    fr: 'le classeur est illisible ({detail})',
    pt: 'não é possível ler a pasta de trabalho ({detail})',
    ar: 'تتعذّر قراءة المصنف ({detail})',
  },
  workbook_empty: {
    en: 'the workbook is empty: no header row and no records',
    es: 'el libro de Excel está vacío: no tiene fila de encabezado ni registros',
    fr: "le classeur est vide : ni ligne d'en-tête ni enregistrements",
    pt: 'a pasta de trabalho está vazia: não tem linha de cabeçalho nem registros',
    ar: 'المصنف فارغ: لا صف عناوين ولا سجلات',
  },
  limit_cell_chars: {
    en: 'a cell holds more than {max} characters, more than any recommendation: the file is damaged or not a file of recommendations',
    es: 'una celda contiene más de {max} caracteres, más que cualquier recomendación: el archivo está dañado o no es un archivo de recomendaciones',
    fr: "une cellule contient plus de {max} caractères, plus qu'aucune recommandation : le fichier est endommagé ou n'est pas un fichier de recommandations",
    pt: 'uma célula contém mais de {max} caracteres, mais do que qualquer recomendação: o arquivo está danificado ou não é um arquivo de recomendações',
    ar: 'تحتوي خلية على أكثر من {max} حرف، أي أكثر من أي توصية: الملف تالف أو ليس ملف توصيات',
  },
  limit_line_bytes: {
    en: 'line {line} is longer than {max} MB: the file is damaged or not a file of recommendations',
    es: 'la línea {line} ocupa más de {max} MB: el archivo está dañado o no es un archivo de recomendaciones',
    fr: "la ligne {line} dépasse {max} Mo : le fichier est endommagé ou n'est pas un fichier de recommandations",
    pt: 'a linha {line} ocupa mais de {max} MB: o arquivo está danificado ou não é um arquivo de recomendações',
    ar: 'طول السطر {line} يتجاوز {max} ميغابايت: الملف تالف أو ليس ملف توصيات',
  },
  limit_record_bytes: {
    en: 'record {record} is larger than {max} MB: the file is damaged or not a file of recommendations',
    es: 'el registro {record} ocupa más de {max} MB: el archivo está dañado o no es un archivo de recomendaciones',
    fr: "l'enregistrement {record} dépasse {max} Mo : le fichier est endommagé ou n'est pas un fichier de recommandations",
    pt: 'o registro {record} ocupa mais de {max} MB: o arquivo está danificado ou não é um arquivo de recomendações',
    ar: 'حجم السجل {record} يتجاوز {max} ميغابايت: الملف تالف أو ليس ملف توصيات',
  },
  limit_rows: {
    en: 'the file holds more than {max} records: split it into smaller files',
    es: 'el archivo contiene más de {max} registros: divídalo en archivos más pequeños',
    fr: 'le fichier contient plus de {max} enregistrements : divisez-le en fichiers plus petits',
    pt: 'o arquivo contém mais de {max} registros: divida-o em arquivos menores',
    ar: 'يحتوي الملف على أكثر من {max} سجل: قسّمه إلى ملفات أصغر',
  },
  limit_uncompressed: {
    en: 'the workbook unpacks to more than {max} MB: split it into smaller files',
    es: 'el libro de Excel ocupa más de {max} MB descomprimido: divídalo en archivos más pequeños',
    fr: 'le classeur décompressé dépasse {max} Mo : divisez-le en fichiers plus petits',
    pt: 'a pasta de trabalho ocupa mais de {max} MB descompactada: divida-a em arquivos menores',
    ar: 'يتجاوز حجم المصنف بعد فك ضغطه {max} ميغابايت: قسّمه إلى ملفات أصغر',
  },
  limit_ratio: {
    en: 'a part of the workbook unpacks to more than {max} times its packed size: the file is damaged or built to exhaust the server',
    es: 'una parte del libro de Excel se descomprime a más de {max} veces su tamaño comprimido: el archivo está dañado o hecho para agotar el servidor',
    fr: "une partie du classeur se décompresse à plus de {max} fois sa taille compressée : le fichier est endommagé ou conçu pour épuiser le serveur",
    pt: 'uma parte da pasta de trabalho se descompacta a mais de {max} vezes o seu tamanho compactado: o arquivo está danificado ou feito para esgotar o servidor',
    ar: 'جزء من المصنف يتجاوز بعد فك ضغطه {max} ضعف حجمه المضغوط: الملف تالف أو مصمَّم لاستنزاف الخادم',
  },
  limit_memory: {
    en: 'reading the file needs more memory than an import may take: split it into smaller files',
    es: 'leer el archivo necesita más memoria de la que puede usar una importación: divídalo en archivos más pequeños',
    fr: "la lecture du fichier demande plus de mémoire qu'une importation ne peut en utiliser : divisez-le en fichiers plus petits",
    pt: 'ler o arquivo exige mais memória do que uma importação pode usar: divida-o em arquivos menores',
    ar: 'قراءة الملف تحتاج إلى ذاكرة أكثر مما يُسمح به للاستيراد: قسّمه إلى ملفات أصغر',
  },
  csv_not_utf8: {
    en: 'the file is not UTF-8 text: save it as "CSV UTF-8" and import it again',
    es: 'el archivo no es texto UTF-8: guárdelo como "CSV UTF-8" e impórtelo de nuevo',
    fr: "le fichier n'est pas du texte UTF-8 : enregistrez-le au format \"CSV UTF-8\" et importez-le à nouveau",
    pt: 'o arquivo não é texto UTF-8: salve-o como "CSV UTF-8" e importe-o novamente',
    ar: 'الملف ليس نصًا بترميز UTF-8: احفظه بصيغة "CSV UTF-8" ثم استورده من جديد',
  },
  csv_unclosed_quote: {
    en: 'the file ends inside a quoted cell that starts on line {line} (a missing closing quote, or a truncated file)',
    es: 'el archivo termina dentro de una celda entre comillas que empieza en la línea {line} (falta una comilla de cierre o el archivo está truncado)',
    fr: "le fichier se termine à l'intérieur d'une cellule entre guillemets qui commence à la ligne {line} (guillemet fermant manquant ou fichier tronqué)",
    pt: 'o arquivo termina dentro de uma célula entre aspas que começa na linha {line} (falta uma aspa de fechamento ou o arquivo está truncado)',
    ar: 'ينتهي الملف داخل خلية بين علامتي اقتباس تبدأ في السطر {line} (علامة اقتباس إغلاق مفقودة، أو ملف مبتور)',
  },
  csv_unreadable: {
    en: 'the file is not readable CSV ({detail})',
    es: 'el archivo no es un CSV legible ({detail})',
    fr: "le fichier n'est pas un CSV lisible ({detail})",
    pt: 'o arquivo não é um CSV legível ({detail})',
    ar: 'الملف ليس ملف CSV قابلًا للقراءة ({detail})',
  },
  table_missing_column: {
    en: 'the header lacks the required column {missing} (expected {expected}; found {found})',
    es: 'al encabezado le falta la columna obligatoria {missing} (se esperaban: {expected}; encontradas: {found})',
    fr: "il manque à l'en-tête la colonne obligatoire {missing} (attendues : {expected} ; trouvées : {found})",
    pt: 'falta no cabeçalho a coluna obrigatória {missing} (esperadas: {expected}; encontradas: {found})',
    ar: 'ينقص صف العناوين العمود المطلوب {missing} (المتوقع {expected}؛ الموجود {found})',
  },
  table_missing_columns: {
    en: 'the header lacks the required columns {missing} (expected {expected}; found {found})',
    es: 'al encabezado le faltan las columnas obligatorias {missing} (se esperaban: {expected}; encontradas: {found})',
    fr: "il manque à l'en-tête les colonnes obligatoires {missing} (attendues : {expected} ; trouvées : {found})",
    pt: 'faltam no cabeçalho as colunas obrigatórias {missing} (esperadas: {expected}; encontradas: {found})',
    ar: 'تنقص صف العناوين الأعمدة المطلوبة {missing} (المتوقع {expected}؛ الموجود {found})',
  },
  table_header_blank: {
    en: 'the header lacks the required columns {missing} (expected {expected}; found nothing)',
    es: 'al encabezado le faltan las columnas obligatorias {missing} (se esperaban: {expected}; no se encontró ninguna)',
    fr: "il manque à l'en-tête les colonnes obligatoires {missing} (attendues : {expected} ; aucune trouvée)",
    pt: 'faltam no cabeçalho as colunas obrigatórias {missing} (esperadas: {expected}; nenhuma encontrada)',
    ar: 'تنقص صف العناوين الأعمدة المطلوبة {missing} (المتوقع {expected}؛ لا يوجد شيء)',
  },
  upr_info_missing_column: {
    en: 'not a UPR Info CSV: missing column {columns}',
    es: 'no es un CSV de UPR Info: falta la columna {columns}',
    fr: "ce n'est pas un CSV d'UPR Info : il manque la colonne {columns}",
    pt: 'não é um CSV da UPR Info: falta a coluna {columns}',
    ar: 'ليس ملف CSV من UPR Info: العمود {columns} مفقود',
  },
  upr_info_missing_columns: {
    en: 'not a UPR Info CSV: missing columns {columns}',
    es: 'no es un CSV de UPR Info: faltan las columnas {columns}',
    fr: "ce n'est pas un CSV d'UPR Info : il manque les colonnes {columns}",
    pt: 'não é um CSV da UPR Info: faltam as colunas {columns}',
    ar: 'ليس ملف CSV من UPR Info: الأعمدة {columns} مفقودة',
  },
  uhri_xlsx_missing_column: {
    en: 'not a UHRI Excel export: missing column {columns}',
    es: 'no es una exportación Excel del UHRI: falta la columna {columns}',
    fr: "ce n'est pas une exportation Excel de l'UHRI : il manque la colonne {columns}",
    pt: 'não é uma exportação Excel do UHRI: falta a coluna {columns}',
    ar: 'ليس ملف Excel مُصدَّرًا من الفهرس العالمي لحقوق الإنسان: العمود {columns} مفقود',
  },
  uhri_xlsx_missing_columns: {
    en: 'not a UHRI Excel export: missing columns {columns}',
    es: 'no es una exportación Excel del UHRI: faltan las columnas {columns}',
    fr: "ce n'est pas une exportation Excel de l'UHRI : il manque les colonnes {columns}",
    pt: 'não é uma exportação Excel do UHRI: faltam as colunas {columns}',
    ar: 'ليس ملف Excel مُصدَّرًا من الفهرس العالمي لحقوق الإنسان: الأعمدة {columns} مفقودة',
  },
  json_no_array: {
    en: 'the file does not start with "[": it is not a UHRI JSON export',
    es: 'el archivo no empieza por "[": no es una exportación JSON del UHRI',
    fr: "le fichier ne commence pas par \"[\" : ce n'est pas une exportation JSON de l'UHRI",
    pt: 'o arquivo não começa com "[": não é uma exportação JSON do UHRI',
    ar: 'لا يبدأ الملف بالرمز "[": ليس ملف JSON مُصدَّرًا من الفهرس العالمي لحقوق الإنسان',
  },
  json_single_object: {
    en: 'the file is a JSON object, not a UHRI JSON export (an array) or JSON lines',
    es: 'el archivo es un objeto JSON, no una exportación JSON del UHRI (una lista) ni líneas JSON',
    fr: "le fichier est un objet JSON, et non une exportation JSON de l'UHRI (un tableau) ni des lignes JSON",
    pt: 'o arquivo é um objeto JSON, não uma exportação JSON do UHRI (uma lista) nem linhas JSON',
    ar: 'الملف كائن JSON، وليس ملف JSON مُصدَّرًا من الفهرس العالمي لحقوق الإنسان (مصفوفة) ولا أسطر JSON',
  },
  uhri_json_lines: {
    en: 'the file holds UHRI records one a line: the UHRI JSON export is one array of records',
    es: 'el archivo contiene registros del UHRI uno por línea: la exportación JSON del UHRI es una única lista de registros',
    fr: "le fichier contient des enregistrements de l'UHRI à raison d'un par ligne : l'exportation JSON de l'UHRI est un tableau unique d'enregistrements",
    pt: 'o arquivo contém registros do UHRI um por linha: a exportação JSON do UHRI é uma única lista de registros',
    ar: 'يحتوي الملف على سجلات الفهرس العالمي لحقوق الإنسان سجلًا في كل سطر: ملف JSON المُصدَّر من الفهرس مصفوفة واحدة من السجلات',
  },
  not_uhri_json: {
    en: 'not a UHRI JSON export: expected an array of records with AnnotationId, Body and Text',
    es: 'no es una exportación JSON del UHRI: se esperaba una lista de registros con AnnotationId, Body y Text',
    fr: "ce n'est pas une exportation JSON de l'UHRI : il devrait s'agir d'un tableau d'enregistrements avec AnnotationId, Body et Text",
    pt: 'não é uma exportação JSON do UHRI: esperava-se uma lista de registros com AnnotationId, Body e Text',
    ar: 'ليس ملف JSON مُصدَّرًا من الفهرس العالمي لحقوق الإنسان: المتوقع مصفوفة سجلات فيها AnnotationId وBody وText',
  },
  json_invalid: {
    en: 'the file is truncated or not valid JSON ({detail})',
    es: 'el archivo está truncado o no es JSON válido ({detail})',
    fr: "le fichier est tronqué ou n'est pas du JSON valide ({detail})",
    pt: 'o arquivo está truncado ou não é JSON válido ({detail})',
    ar: 'الملف مبتور أو ليس JSON صالحًا ({detail})',
  },
  json_invalid_record: {
    en: 'the file is truncated or not valid JSON (record {record}: {detail})',
    es: 'el archivo está truncado o no es JSON válido (registro {record}: {detail})',
    fr: "le fichier est tronqué ou n'est pas du JSON valide (enregistrement {record} : {detail})",
    pt: 'o arquivo está truncado ou não é JSON válido (registro {record}: {detail})',
    ar: 'الملف مبتور أو ليس JSON صالحًا (السجل {record}: {detail})',
  },
  json_no_opening_bracket: {
    en: 'the file is truncated or not valid JSON (it does not start with "[")',
    es: 'el archivo está truncado o no es JSON válido (no empieza por "[")',
    fr: "le fichier est tronqué ou n'est pas du JSON valide (il ne commence pas par \"[\")",
    pt: 'o arquivo está truncado ou não é JSON válido (não começa com "[")',
    ar: 'الملف مبتور أو ليس JSON صالحًا (لا يبدأ بالرمز "[")',
  },
  json_unexpected_after_record: {
    en: 'the file is truncated or not valid JSON (unexpected {found} after record {record}, expected "," or "]")',
    es: 'el archivo está truncado o no es JSON válido ({found} inesperado después del registro {record}; se esperaba "," o "]")',
    fr: "le fichier est tronqué ou n'est pas du JSON valide ({found} inattendu après l'enregistrement {record} ; \",\" ou \"]\" attendu)",
    pt: 'o arquivo está truncado ou não é JSON válido ({found} inesperado após o registro {record}; esperava-se "," ou "]")',
    ar: 'الملف مبتور أو ليس JSON صالحًا ({found} غير متوقع بعد السجل {record}، والمتوقع "," أو "]")',
  },
  json_ends_before_first_record: {
    en: 'the file is truncated or not valid JSON (it ends before the first record, before the closing "]")',
    es: 'el archivo está truncado o no es JSON válido (termina antes del primer registro, antes del "]" de cierre)',
    fr: "le fichier est tronqué ou n'est pas du JSON valide (il se termine avant le premier enregistrement, avant le \"]\" fermant)",
    pt: 'o arquivo está truncado ou não é JSON válido (termina antes do primeiro registro, antes do "]" de fechamento)',
    ar: 'الملف مبتور أو ليس JSON صالحًا (ينتهي قبل السجل الأول، قبل الرمز "]" الختامي)',
  },
  json_ends_after_record: {
    en: 'the file is truncated or not valid JSON (it ends after record {record}, before the closing "]")',
    es: 'el archivo está truncado o no es JSON válido (termina después del registro {record}, antes del "]" de cierre)',
    fr: "le fichier est tronqué ou n'est pas du JSON valide (il se termine après l'enregistrement {record}, avant le \"]\" fermant)",
    pt: 'o arquivo está truncado ou não é JSON válido (termina após o registro {record}, antes do "]" de fechamento)',
    ar: 'الملف مبتور أو ليس JSON صالحًا (ينتهي بعد السجل {record}، قبل الرمز "]" الختامي)',
  },
  json_data_after_end: {
    en: 'the file is not valid JSON (there is more data after the closing "]")',
    es: 'el archivo no es JSON válido (hay más datos después del "]" de cierre)',
    fr: "le fichier n'est pas du JSON valide (il y a d'autres données après le \"]\" fermant)",
    pt: 'o arquivo não é JSON válido (há mais dados após o "]" de fechamento)',
    ar: 'الملف ليس JSON صالحًا (توجد بيانات أخرى بعد الرمز "]" الختامي)',
  },
  json_lines_not_utf8: {
    en: 'the file is not UTF-8 text (JSON lines must be UTF-8)',
    es: 'el archivo no es texto UTF-8 (las líneas JSON deben estar en UTF-8)',
    fr: "le fichier n'est pas du texte UTF-8 (les lignes JSON doivent être en UTF-8)",
    pt: 'o arquivo não é texto UTF-8 (as linhas JSON devem estar em UTF-8)',
    ar: 'الملف ليس نصًا بترميز UTF-8 (يجب أن تكون أسطر JSON بترميز UTF-8)',
  },
  not_json_lines: {
    en: 'not JSON lines: no line of the file is valid JSON',
    es: 'no son líneas JSON: ninguna línea del archivo es JSON válido',
    fr: "ce ne sont pas des lignes JSON : aucune ligne du fichier n'est du JSON valide",
    pt: 'não são linhas JSON: nenhuma linha do arquivo é JSON válido',
    ar: 'ليست أسطر JSON: لا يوجد في الملف أي سطر JSON صالح',
  },
  not_upr_matrix: {
    en: 'not UPR matrix JSON lines: expected one object a line with state_under_review and text',
    es: 'no son líneas JSON de la matriz del EPU: se esperaba un objeto por línea con state_under_review y text',
    fr: "ce ne sont pas des lignes JSON de la matrice de l'EPU : il devrait y avoir un objet par ligne avec state_under_review et text",
    pt: 'não são linhas JSON da matriz da RPU: esperava-se um objeto por linha com state_under_review e text',
    ar: 'ليست أسطر JSON من مصفوفة الاستعراض الدوري الشامل: المتوقع كائن واحد في كل سطر فيه state_under_review وtext',
  },

  // -------------------------------------------------------------------------
  // One row (a record, a line)

  not_json_object: {
    en: 'not a JSON object',
    es: 'no es un objeto JSON',
    fr: "ce n'est pas un objet JSON",
    pt: 'não é um objeto JSON',
    ar: 'ليس كائن JSON',
  },
  line_not_json: {
    en: 'not valid JSON ({detail})',
    es: 'no es JSON válido ({detail})',
    fr: "ce n'est pas du JSON valide ({detail})",
    pt: 'não é JSON válido ({detail})',
    ar: 'ليس JSON صالحًا ({detail})',
  },
  field_empty: {
    en: '{field} is empty',
    es: '{field} está vacío',
    fr: '{field} est vide',
    pt: '{field} está vazio',
    ar: '{field} فارغ',
  },
  text_empty: {
    en: 'the text is empty',
    es: 'el texto está vacío',
    fr: 'le texte est vide',
    pt: 'o texto está vazio',
    ar: 'النص فارغ',
  },
  text_only_paragraph: {
    en: '{field} holds only a paragraph number',
    es: '{field} solo contiene un número de párrafo',
    fr: "{field} ne contient qu'un numéro de paragraphe",
    pt: '{field} contém apenas um número de parágrafo',
    ar: 'لا يحتوي {field} إلا على رقم فقرة',
  },
  mechanism_empty: {
    en: 'the mechanism is empty',
    es: 'el mecanismo está vacío',
    fr: 'le mécanisme est vide',
    pt: 'o mecanismo está vazio',
    ar: 'الآلية فارغة',
  },
  mechanism_missing: {
    en: 'mechanism is missing',
    es: 'falta el mecanismo',
    fr: 'il manque le mécanisme',
    pt: 'falta o mecanismo',
    ar: 'الآلية مفقودة',
  },
  unknown_mechanism: {
    en: 'unknown mechanism {value}',
    es: 'no se reconoce el mecanismo {value}',
    fr: 'le mécanisme {value} est inconnu',
    pt: 'o mecanismo {value} não é reconhecido',
    ar: 'آلية غير معروفة {value}',
  },
  body_missing: {
    en: '{field} (the recommending body) is missing',
    es: 'falta {field} (el órgano que formula la recomendación)',
    fr: "il manque {field} (l'organe auteur de la recommandation)",
    pt: 'falta {field} (o órgão que faz a recomendação)',
    ar: '{field} (الهيئة الموصية) مفقود',
  },
  country_empty: {
    en: 'the country is empty',
    es: 'el país está vacío',
    fr: 'le pays est vide',
    pt: 'o país está vazio',
    ar: 'البلد فارغ',
  },
  countries_empty: {
    en: '{field} is empty: the State concerned is missing',
    es: '{field} está vacío: falta el país en cuestión',
    fr: '{field} est vide : il manque le pays concerné',
    pt: '{field} está vazio: falta o país em questão',
    ar: '{field} فارغ: الدولة المعنية مفقودة',
  },
  state_under_review_missing: {
    en: 'the State under review is missing',
    es: 'falta el país examinado',
    fr: 'il manque le pays examiné',
    pt: 'falta o país examinado',
    ar: 'الدولة قيد الاستعراض مفقودة',
  },
  state_under_review_empty: {
    en: '{field} (the State under review) is empty',
    es: '{field} (el país examinado) está vacío',
    fr: '{field} (le pays examiné) est vide',
    pt: '{field} (o país examinado) está vazio',
    ar: '{field} (الدولة قيد الاستعراض) فارغ',
  },
  unknown_state: {
    en: 'unknown State {value}',
    es: 'no se reconoce el país {value}',
    fr: 'le pays {value} est inconnu',
    pt: 'o país {value} não é reconhecido',
    ar: 'دولة غير معروفة {value}',
  },
  unknown_recommending_state: {
    en: 'unknown recommending State {value}',
    es: 'no se reconoce el país recomendante {value}',
    fr: 'le pays recommandant {value} est inconnu',
    pt: 'o país recomendante {value} não é reconhecido',
    ar: 'دولة موصية غير معروفة {value}',
  },
  language_empty: {
    en: 'the language is empty (a two-letter code such as en, es or fr)',
    es: 'el idioma está vacío (debe ser un código de dos letras, como en, es o fr)',
    fr: 'la langue est vide (il faut un code à deux lettres, comme en, es ou fr)',
    pt: 'o idioma está vazio (deve ser um código de duas letras, como en, es ou fr)',
    ar: 'اللغة فارغة (رمز من حرفين مثل en أو es أو fr)',
  },
  language_not_code: {
    en: '{value} is not a language code (such as en, es or fr)',
    es: '{value} no es un código de idioma (como en, es o fr)',
    fr: "{value} n'est pas un code de langue (comme en, es ou fr)",
    pt: '{value} não é um código de idioma (como en, es ou fr)',
    ar: '{value} ليس رمز لغة (مثل en أو es أو fr)',
  },
  language_not_two_letters: {
    en: '{value} is not a two-letter language code',
    es: '{value} no es un código de idioma de dos letras',
    fr: "{value} n'est pas un code de langue à deux lettres",
    pt: '{value} não é um código de idioma de duas letras',
    ar: '{value} ليس رمز لغة من حرفين',
  },
  date_not_date: {
    en: '{value} is not a date',
    es: '{value} no es una fecha',
    fr: "{value} n'est pas une date",
    pt: '{value} não é uma data',
    ar: '{value} ليس تاريخًا',
  },
  date_not_iso: {
    en: '{value} is not a date (YYYY-MM-DD)',
    es: '{value} no es una fecha (AAAA-MM-DD)',
    fr: "{value} n'est pas une date (AAAA-MM-JJ)",
    pt: '{value} não é uma data (AAAA-MM-DD)',
    ar: '{value} ليس تاريخًا (YYYY-MM-DD)',
  },
  date_unreadable: {
    en: '{value} is not a date (write dates as YYYY-MM-DD)',
    es: '{value} no es una fecha (escriba las fechas como AAAA-MM-DD)',
    fr: "{value} n'est pas une date (écrivez les dates au format AAAA-MM-JJ)",
    pt: '{value} não é uma data (escreva as datas no formato AAAA-MM-DD)',
    ar: '{value} ليس تاريخًا (اكتب التواريخ بالشكل YYYY-MM-DD)',
  },
  date_not_real: {
    en: '{value} is not a real date',
    es: '{value} no es una fecha existente',
    fr: "{value} n'est pas une date existante",
    pt: '{value} não é uma data existente',
    ar: '{value} ليس تاريخًا حقيقيًا',
  },
  date_ambiguous: {
    en: '{value} is ambiguous: write dates as YYYY-MM-DD',
    es: 'la fecha {value} es ambigua: escriba las fechas como AAAA-MM-DD',
    fr: 'la date {value} est ambiguë : écrivez les dates au format AAAA-MM-JJ',
    pt: 'a data {value} é ambígua: escreva as datas no formato AAAA-MM-DD',
    ar: '{value} ملتبس: اكتب التواريخ بالشكل YYYY-MM-DD',
  },
  unknown_kind: {
    en: 'unknown kind {value} (expected recommendation, observation, pledge or operative_point)',
    es: 'no se reconoce el tipo {value} (valores admitidos: recommendation, observation, pledge u operative_point)',
    fr: 'le type {value} est inconnu (valeurs admises : recommendation, observation, pledge ou operative_point)',
    pt: 'o tipo {value} não é reconhecido (valores aceitos: recommendation, observation, pledge ou operative_point)',
    ar: 'نوع غير معروف {value} (القيم المقبولة: recommendation أو observation أو pledge أو operative_point)',
  },
  record_type_missing: {
    en: '{field} is missing (expected Recommendations or Concerns/Observations)',
    es: 'falta {field} (valores admitidos: Recommendations o Concerns/Observations)',
    fr: 'il manque {field} (valeurs admises : Recommendations ou Concerns/Observations)',
    pt: 'falta {field} (valores aceitos: Recommendations ou Concerns/Observations)',
    ar: '{field} مفقود (القيم المقبولة: Recommendations أو Concerns/Observations)',
  },
  unknown_record_type: {
    en: 'unknown record type {value} (expected Recommendations or Concerns/Observations)',
    es: 'no se reconoce el tipo de registro {value} (valores admitidos: Recommendations o Concerns/Observations)',
    fr: "le type d'enregistrement {value} est inconnu (valeurs admises : Recommendations ou Concerns/Observations)",
    pt: 'o tipo de registro {value} não é reconhecido (valores aceitos: Recommendations ou Concerns/Observations)',
    ar: 'نوع سجل غير معروف {value} (القيم المقبولة: Recommendations أو Concerns/Observations)',
  },
  uhri_id_missing: {
    en: '{field} is missing: a UHRI record needs its id',
    es: 'falta {field}: todo registro del UHRI necesita su identificador',
    fr: "il manque {field} : un enregistrement de l'UHRI doit avoir son identifiant",
    pt: 'falta {field}: todo registro do UHRI precisa do seu identificador',
    ar: '{field} مفقود: يحتاج سجل الفهرس العالمي لحقوق الإنسان إلى معرّفه',
  },
  unknown_position: {
    en: 'unknown position {value} (expected supported, noted or supported in part)',
    es: 'no se reconoce la posición {value} (valores admitidos: supported, noted o supported in part)',
    fr: 'la position {value} est inconnue (valeurs admises : supported, noted ou supported in part)',
    pt: 'a posição {value} não é reconhecida (valores aceitos: supported, noted ou supported in part)',
    ar: 'موقف غير معروف {value} (القيم المقبولة: supported أو noted أو supported in part)',
  },
  unknown_upr_position: {
    en: 'unknown position {value} (expected Supported or Noted)',
    es: 'no se reconoce la posición {value} (valores admitidos: Supported o Noted)',
    fr: 'la position {value} est inconnue (valeurs admises : Supported ou Noted)',
    pt: 'a posição {value} não é reconhecida (valores aceitos: Supported ou Noted)',
    ar: 'موقف غير معروف {value} (القيم المقبولة: Supported أو Noted)',
  },
  unknown_uhri_position: {
    en: 'unknown UPR position {values} (expected Supported or Noted)',
    es: 'no se reconoce la posición en el EPU {values} (valores admitidos: Supported o Noted)',
    fr: "la position à l'EPU {values} est inconnue (valeurs admises : Supported ou Noted)",
    pt: 'a posição na RPU {values} não é reconhecida (valores aceitos: Supported ou Noted)',
    ar: 'موقف غير معروف في الاستعراض الدوري الشامل {values} (القيم المقبولة: Supported أو Noted)',
  },
  unknown_response: {
    en: 'unknown response {value} (expected Accepted, Noted or Voluntary Pledge)',
    es: 'no se reconoce la respuesta {value} (valores admitidos: Accepted, Noted o Voluntary Pledge)',
    fr: 'la réponse {value} est inconnue (valeurs admises : Accepted, Noted ou Voluntary Pledge)',
    pt: 'a resposta {value} não é reconhecida (valores aceitos: Accepted, Noted ou Voluntary Pledge)',
    ar: 'رد غير معروف {value} (القيم المقبولة: Accepted أو Noted أو Voluntary Pledge)',
  },
  sdg_unknown: {
    en: '{value} is not an SDG goal or target',
    es: '{value} no es un objetivo ni una meta de los ODS',
    fr: "{value} n'est ni un objectif ni une cible des ODD",
    pt: '{value} não é um objetivo nem uma meta dos ODS',
    ar: '{value} ليس هدفًا ولا غاية من أهداف التنمية المستدامة',
  },
  sdg_no_code: {
    en: 'no SDG goal or target code in {values}',
    es: 'no hay ningún código de objetivo o meta de los ODS en {values}',
    fr: "aucun code d'objectif ou de cible des ODD dans {values}",
    pt: 'nenhum código de objetivo ou meta dos ODS em {values}',
    ar: 'لا يوجد رمز هدف أو غاية من أهداف التنمية المستدامة في {values}',
  },
  sdg_no_code_in_cell: {
    en: 'no SDG goal or target code in {values} (write 16 or 16.2)',
    es: 'no hay ningún código de objetivo o meta de los ODS en {values} (escriba 16 o 16.2)',
    fr: "aucun code d'objectif ou de cible des ODD dans {values} (écrivez 16 ou 16.2)",
    pt: 'nenhum código de objetivo ou meta dos ODS em {values} (escreva 16 ou 16.2)',
    ar: 'لا يوجد رمز هدف أو غاية من أهداف التنمية المستدامة في {values} (اكتب 16 أو 16.2)',
  },
  cycle_not_number: {
    en: '{value} is not a cycle number',
    es: '{value} no es un número de ciclo',
    fr: "{value} n'est pas un numéro de cycle",
    pt: '{value} não é um número de ciclo',
    ar: '{value} ليس رقم جولة',
  },
  not_upr_cycle: {
    en: '{value} is not a UPR cycle',
    es: '{value} no es un ciclo del EPU',
    fr: "{value} n'est pas un cycle de l'EPU",
    pt: '{value} não é um ciclo da RPU',
    ar: '{value} ليس جولة من جولات الاستعراض الدوري الشامل',
  },
  session_not_number: {
    en: '{value} is not a session number',
    es: '{value} no es un número de sesión',
    fr: "{value} n'est pas un numéro de session",
    pt: '{value} não é um número de sessão',
    ar: '{value} ليس رقم دورة',
  },
  not_upr_session: {
    en: '{value} is not a UPR session',
    es: '{value} no es una sesión del EPU',
    fr: "{value} n'est pas une session de l'EPU",
    pt: '{value} não é uma sessão da RPU',
    ar: '{value} ليس دورة من دورات الاستعراض الدوري الشامل',
  },
  not_upr_session_number: {
    en: '{value} is not a UPR session number',
    es: '{value} no es un número de sesión del EPU',
    fr: "{value} n'est pas un numéro de session de l'EPU",
    pt: '{value} não é um número de sessão da RPU',
    ar: '{value} ليس رقم دورة من دورات الاستعراض الدوري الشامل',
  },
  unknown_upr_session: {
    en: 'unknown UPR session {session}',
    es: 'no se reconoce la sesión {session} del EPU',
    fr: "la session {session} de l'EPU est inconnue",
    pt: 'a sessão {session} da RPU não é reconhecida',
    ar: 'دورة غير معروفة من دورات الاستعراض الدوري الشامل {session}',
  },
  action_out_of_range: {
    en: 'action category must be 1 to 5, got {value}',
    es: 'la categoría de acción debe estar entre 1 y 5, pero es {value}',
    fr: "la catégorie d'action doit être comprise entre 1 et 5, or elle vaut {value}",
    pt: 'a categoria de ação deve estar entre 1 e 5, mas é {value}',
    ar: 'يجب أن تكون فئة الإجراء من 1 إلى 5، والقيمة {value}',
  },
  upr_info_action_out_of_range: {
    en: 'UPR Info action category must be 1 to 5, got {value}',
    es: 'la categoría de acción de UPR Info debe estar entre 1 y 5, pero es {value}',
    fr: "la catégorie d'action d'UPR Info doit être comprise entre 1 et 5, or elle vaut {value}",
    pt: 'a categoria de ação da UPR Info deve estar entre 1 e 5, mas é {value}',
    ar: 'يجب أن تكون فئة الإجراء في UPR Info من 1 إلى 5، والقيمة {value}',
  },
  external_id_duplicate: {
    en: 'external_id {value} is already used on line {line}',
    es: 'el external_id {value} ya se usa en la línea {line}',
    fr: "l'external_id {value} est déjà utilisé à la ligne {line}",
    pt: 'o external_id {value} já é usado na linha {line}',
    ar: 'المعرّف external_id {value} مستخدم من قبل في السطر {line}',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ReasonCode = keyof typeof REASONS;

/** The placeholder names of a template: `'{value} is not a date'` → `'value'`. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a reason's English template names. */
export type ReasonParams<C extends ReasonCode> = { readonly [P in Placeholders<(typeof REASONS)[C]['en']>]: string | number };

/** A reason without placeholders takes no values; one with placeholders takes all of them. */
type ParamsArgument<C extends ReasonCode> = [Placeholders<(typeof REASONS)[C]['en']>] extends [never] ? [] : [params: ReasonParams<C>];

/** A reason as data: its code and the values of its placeholders. */
export interface Reason {
  code: ReasonCode;
  params: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** A reason the importer gives: what the parsers report, and what every reader writes in its language. */
export function importReason<C extends ReasonCode>(code: C, ...params: ParamsArgument<C>): Reason {
  const values: Readonly<Record<string, string | number>> = params[0] ?? {};
  return { code, params: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])) };
}

/** A reason in a language: the reader's for the web import, English for the command line. */
export function reasonText(reason: Reason, locale: Locale = 'en'): string {
  return REASONS[reason.code][locale].replace(PLACEHOLDER, (_, name: string) => reason.params[name] ?? '');
}
