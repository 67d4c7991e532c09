/**
 * A labelled corpus for the suggestion tests and the browser journey: recommendations written
 * from phrase pools, five topics, in English and Spanish, each with its theme, SDG target and
 * affected persons (names the importer matches), as the CSV the importer reads. Seeded: the
 * same call gives the same file.
 */
import { seededRandom } from '../../shared/seeded-random';

interface Topic {
  theme: string;
  sdg: string;
  affected: string;
  en: { verbs: string[]; objects: string[]; ends: string[] };
  es: { verbs: string[]; objects: string[]; ends: string[] };
}

export const TOPICS: Record<string, Topic> = {
  torture: {
    theme: 'Prohibition of torture & ill-treatment (including cruel, inhuman or degrading treatment)', sdg: '16.3', affected: 'Persons deprived of their liberty & detainees',
    en: { verbs: ['Prevent', 'Investigate', 'Eradicate', 'Punish'], objects: ['torture and ill-treatment by the police', 'every allegation of torture in places of detention', 'cruel, inhuman or degrading treatment of detainees', 'torture in prisons and police stations'], ends: ['and compensate the victims', 'and prosecute those responsible', 'and strengthen the national preventive mechanism against torture', ''] },
    es: { verbs: ['Prevenir', 'Investigar', 'Erradicar', 'Sancionar'], objects: ['la tortura y los malos tratos policiales', 'toda denuncia de tortura en los centros de detención', 'los tratos crueles, inhumanos o degradantes a las personas detenidas', 'la tortura en las cárceles y comisarías'], ends: ['y reparar a las víctimas', 'y enjuiciar a los responsables', 'y fortalecer el mecanismo nacional de prevención de la tortura', ''] },
  },
  education: {
    theme: 'Right to education', sdg: '4.1', affected: 'Children',
    en: { verbs: ['Guarantee', 'Ensure', 'Expand', 'Improve'], objects: ['free primary education for every child', 'access to secondary school for all children', 'the quality of public schools and teacher training', 'inclusive education and the education budget'], ends: ['in rural areas', 'and reduce school dropout', 'and build more schools', ''] },
    es: { verbs: ['Garantizar', 'Asegurar', 'Ampliar', 'Mejorar'], objects: ['la educación primaria gratuita para todos los niños', 'el acceso a la escuela secundaria de todos los niños', 'la calidad de las escuelas públicas y la formación docente', 'la educación inclusiva y el presupuesto educativo'], ends: ['en las zonas rurales', 'y reducir la deserción escolar', 'y construir más escuelas', ''] },
  },
  women: {
    theme: 'Violence against women', sdg: '5.2', affected: 'Women',
    en: { verbs: ['Combat', 'Prevent', 'Eliminate', 'Address'], objects: ['violence against women and femicide', 'domestic and sexual violence against women', 'gender-based violence against women and girls', 'all forms of violence against women'], ends: ['and provide shelters for victims', 'and train judges and police on gender violence', 'and adopt a comprehensive law', ''] },
    es: { verbs: ['Combatir', 'Prevenir', 'Eliminar', 'Abordar'], objects: ['la violencia contra las mujeres y el feminicidio', 'la violencia doméstica y sexual contra las mujeres', 'la violencia de género contra mujeres y niñas', 'todas las formas de violencia contra la mujer'], ends: ['y ofrecer refugios a las víctimas', 'y capacitar a jueces y policías en violencia de género', 'y adoptar una ley integral', ''] },
  },
  indigenous: {
    theme: 'Indigenous peoples', sdg: '10.2', affected: 'Indigenous peoples',
    en: { verbs: ['Protect', 'Respect', 'Guarantee', 'Recognise'], objects: ['the ancestral lands of indigenous peoples', 'free, prior and informed consultation of indigenous communities', 'the collective rights of indigenous peoples', 'the territories and cultures of indigenous communities'], ends: ['before any extractive project', 'and return their traditional territories', 'in line with ILO Convention 169', ''] },
    es: { verbs: ['Proteger', 'Respetar', 'Garantizar', 'Reconocer'], objects: ['las tierras ancestrales de los pueblos indígenas', 'la consulta libre, previa e informada de las comunidades indígenas', 'los derechos colectivos de los pueblos indígenas', 'los territorios y culturas de las comunidades indígenas'], ends: ['antes de todo proyecto extractivo', 'y restituir sus territorios tradicionales', 'conforme al Convenio 169 de la OIT', ''] },
  },
  poverty: {
    theme: 'Human rights & poverty', sdg: '1.2', affected: 'Persons living in rural areas',
    en: { verbs: ['Reduce', 'Eradicate', 'Tackle', 'Fight'], objects: ['extreme poverty in rural areas', 'poverty and social exclusion of rural families', 'rural poverty through social protection programmes', 'poverty through cash transfers and decent work'], ends: ['and improve access to basic services', 'with a national poverty reduction strategy', 'among peasant households', ''] },
    es: { verbs: ['Reducir', 'Erradicar', 'Enfrentar', 'Combatir'], objects: ['la pobreza extrema en las zonas rurales', 'la pobreza y la exclusión social de las familias rurales', 'la pobreza rural mediante programas de protección social', 'la pobreza con transferencias monetarias y trabajo decente'], ends: ['y mejorar el acceso a los servicios básicos', 'con una estrategia nacional de reducción de la pobreza', 'en los hogares campesinos', ''] },
  },
};

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `perTopic` recommendations of each topic, labelled, under the UPR document `symbol`. */
export function labelledCorpusCsv(perTopic: number, symbol = 'A/HRC/99/1', seed = 7): string {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const lines = ['mechanism,country,language,date,paragraph,symbol,text,themes,sdgs,affected_persons'];
  let paragraph = 0;
  for (let i = 0; i < perTopic; i++) {
    for (const topic of Object.values(TOPICS)) {
      const language = random() < 0.5 ? 'en' : 'es';
      const p = topic[language];
      const text = `${pick(p.verbs)} ${pick(p.objects)} ${pick(p.ends)}`.trim() + '.';
      lines.push(['UPR', 'PRY', language, '2019-11-01', `${100 + Math.floor(paragraph / 200)}.${++paragraph}`, symbol, text, topic.theme, topic.sdg, topic.affected].map(csvField).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
