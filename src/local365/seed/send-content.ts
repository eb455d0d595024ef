/**
 * What the SEND records in the demo school say: need proportions, likely secondary needs and the wording of
 * passports and SEN support plans. Written the way a SENCO writes them: specific, in the pupil's voice, kind.
 */

import type { NeedCode } from './demo-school.types.ts';

/**
 * Primary-need shares (percent) for pupils on SEN support in English state-funded primary schools, rounded
 * from the DfE "Special educational needs in England" pattern: SLCN largest, then SEMH, MLD, ASD, SPLD.
 * NSA (no specialist assessment) exists only on SEN support.
 */
export const SEN_SUPPORT_NEED_SHARES: readonly (readonly [NeedCode, number])[] = [
  ['SLCN', 30],
  ['SEMH', 19],
  ['MLD', 13],
  ['ASD', 10],
  ['SPLD', 8],
  ['NSA', 5],
  ['OTH', 5],
  ['PD', 4],
  ['HI', 3],
  ['VI', 2],
  ['MSI', 1],
];

/** Primary-need shares (percent) for primary pupils with EHC plans: ASD largest, then SLCN, SEMH, SLD. */
export const EHC_PLAN_NEED_SHARES: readonly (readonly [NeedCode, number])[] = [
  ['ASD', 35],
  ['SLCN', 20],
  ['SEMH', 13],
  ['SLD', 9],
  ['DS', 7],
  ['PD', 6],
  ['PMLD', 4],
  ['MLD', 4],
  ['HI', 2],
];

/** Needs that commonly sit alongside a primary need as its secondary (rank 2) need. */
export const LIKELY_SECONDARY_NEEDS: Readonly<Record<NeedCode, readonly NeedCode[]>> = {
  ASD: ['SLCN', 'SEMH', 'SEMH', 'MLD'],
  SLCN: ['SEMH', 'MLD', 'SPLD'],
  SEMH: ['SLCN', 'SPLD', 'OTH'],
  MLD: ['SLCN', 'SEMH'],
  SPLD: ['SEMH', 'SLCN'],
  SLD: ['SLCN', 'PD'],
  PMLD: ['PD', 'VI'],
  DS: ['SLCN', 'HI', 'VI'],
  PD: ['SLCN', 'MLD'],
  HI: ['SLCN'],
  VI: ['PD', 'SEMH'],
  MSI: ['PD'],
  OTH: ['SEMH', 'SPLD'],
  NSA: [],
};

/** How much likelier a boy is than a girl to be recorded with the need (England's SEN data skews male). */
export const BOY_WEIGHT_BY_NEED: Readonly<Partial<Record<NeedCode, number>>> = {
  ASD: 3,
  SEMH: 2.2,
  SLCN: 2,
  OTH: 1.8,
  SPLD: 1.5,
  MLD: 1.3,
};

export const INTERESTS: readonly string[] = [
  'dinosaurs',
  'football',
  'Minecraft',
  'drawing',
  'Lego',
  'horses',
  'baking with my nan',
  'swimming',
  'Pokémon cards',
  'trains',
  'gymnastics',
  'dancing',
  'space and the planets',
  'superheroes',
  'gardening',
  'our cat',
  'comics',
  'cricket',
  'making slime',
  'animals at the city farm',
  'riding my scooter',
  'singing',
  'bugs and minibeasts',
  'the Titanic',
  'building dens',
  'cooking',
  'puzzles',
  'fire engines',
];

export const GENERAL_STRENGTHS: readonly string[] = [
  'Kind to younger children',
  'Works hard and never gives up',
  'Great sense of humour',
  'Helpful in the classroom',
  'Creative storyteller',
  'Excellent at drawing detailed pictures',
  'Loves to help tidy up',
  'A loyal friend',
  'Brilliant at building things',
  'Confident on stage in assemblies',
  'Good at remembering routines',
  'Caring towards animals',
  'Lovely singing voice',
  'Good at spotting patterns in maths',
  'Enthusiastic about PE',
];

type NeedContent = {
  strengths: readonly string[];
  hard: readonly string[];
  helps: readonly string[];
  communication: string;
  outcomes: readonly string[];
  provision: readonly string[];
};

export const NEED_CONTENT: Readonly<Record<NeedCode, NeedContent>> = {
  SLCN: {
    strengths: ['Great at learning through pictures and doing', 'Notices how other people are feeling'],
    hard: [
      'Understanding long instructions',
      'Finding the right words to explain my ideas',
      'Following fast conversations in a group',
      "Some sounds (like 'k' and 's') are hard to say",
      'New words in topic lessons',
    ],
    helps: [
      'Give me one instruction at a time',
      'Give me thinking time before I answer',
      'Show me pictures of new words (word mat on my table)',
      'Check I understand by asking me to tell you what to do',
      "Say the word the right way back to me, don't ask me to repeat it",
    ],
    communication: "I talk in short sentences. Give me time and please don't finish my sentences for me.",
    outcomes: [
      "will use 'because' to give a reason in a spoken sentence",
      'will follow a two-part instruction in class without a picture prompt',
      'will learn and use 10 new topic words each half term',
    ],
    provision: [
      'Speech and language programme set by SALT, 3 × 15 min a week with a TA',
      'Talk Boost group, 3 × 30 min a week',
      'Pre-teaching of topic vocabulary before each unit',
      'Visual word mat for each topic',
    ],
  },
  SEMH: {
    strengths: ['Very caring when someone else is upset', 'Full of energy and ideas'],
    hard: [
      'Calming down when I feel angry or worried',
      'Saying sorry straight after a falling-out',
      "Starting work when I'm worried I'll get it wrong",
      'Playtimes when the game changes',
      'Trusting new adults',
      'Mornings can be hard',
    ],
    helps: [
      'I like to be greeted at the door',
      'A calm, quiet voice when I am upset',
      'A job to do when I first come in (giving out the books)',
      'A time-out card I can use to go to my safe space',
      'Praise me quietly, not in front of the class',
      'A check-in with my key adult at lunchtime',
      'Talk with me about what happened once I am calm, not before',
    ],
    communication: 'I can explain how I feel when I am calm. When I am upset I need space and fewer words.',
    outcomes: [
      "will use a calm-down strategy from the Zones toolkit when in the 'red zone', with one adult prompt",
      'will join a playground game with a friend three times a week',
      'will stay in class for the whole morning on 4 days out of 5',
    ],
    provision: [
      'ELSA session weekly with a trained TA',
      'Zones of Regulation group, 1 × 40 min a week',
      'Daily morning check-in with key adult',
      'Safe space and time-out card agreed with class teacher',
    ],
  },
  MLD: {
    strengths: ['Keeps trying even when work is tricky', 'Good practical skills'],
    hard: [
      'Remembering new learning from one day to the next',
      'Reading longer texts',
      'Number facts and place value',
      'Working on my own for a long time',
    ],
    helps: [
      'Pre-teach me new vocabulary',
      'Let me use Numicon and Base 10',
      'Small steps and lots of practice',
      'Writing frames and word banks',
      'Go over number facts with me little and often',
    ],
    communication: 'I am chatty and friendly. I may need things explained in a different way.',
    outcomes: [
      'will recall number bonds to 10 with 90% accuracy',
      'will read a decodable book at their level with 90% accuracy',
      'will write three sentences on their own using a writing frame',
    ],
    provision: [
      'Maths catch-up with Numicon, 2 × 30 min a week',
      'Precision teaching, 5 × 10 min a week',
      'Adapted tasks with concrete resources',
      'Reading with an adult daily',
    ],
  },
  SPLD: {
    strengths: ['Great ideas when talking about stories', 'Good at problem solving'],
    hard: [
      'Spelling, even words I have practised',
      'Copying from the board',
      'Reading aloud in front of others',
      'Getting my ideas down in writing',
      'Organising my things',
    ],
    helps: [
      'Blue coloured overlay for reading',
      'Printed copies instead of copying from the board',
      "Don't ask me to read aloud without warning",
      'Spelling mat and a word bank',
      'Let me record ideas in different ways (voice notes, mind maps)',
    ],
    communication: 'I explain my ideas really well out loud.',
    outcomes: [
      'will spell 20 of the Year 3/4 statutory words correctly',
      'will plan writing on their own using a mind map',
      'will read aloud at 60 words per minute from a book at their level',
    ],
    provision: [
      'Lexia reading catch-up, 3 × 20 min a week',
      'Coloured overlay and dyslexia-friendly printed resources',
      'Access to a laptop for longer writing',
    ],
  },
  ASD: {
    strengths: [
      'Amazing memory for facts about my favourite things',
      'Very honest',
      'Notices details other people miss',
    ],
    hard: [
      'Changes to the day without warning',
      'Noisy places like the hall at lunchtime',
      'Knowing what to do at unstructured times',
      'Understanding jokes and sarcasm',
      'Working in groups',
      'Hand dryers and the fire alarm',
    ],
    helps: [
      'Visual timetable on my desk',
      'Tell me about changes before they happen',
      'Ear defenders available in assembly',
      'A quiet space I can go to (the calm corner)',
      'Use my name before giving me an instruction',
      'Say exactly what you mean',
      'Let me leave five minutes early for lunch to avoid the queue',
      'A now-and-next board',
    ],
    communication:
      'I may not look at you while I listen; that is how I listen best. I love talking about my interests.',
    outcomes: [
      'will move between activities using the visual timetable with one prompt',
      'will ask an adult for help using the help card',
      'will take part in a shared activity with a friend for 10 minutes',
    ],
    provision: [
      'Lego-based therapy group, 1 × 45 min a week',
      'Visual timetable and now-and-next board',
      'Sensory circuits each morning',
      'Social story before changes to routine',
    ],
  },
  NSA: {
    strengths: ['Tries hard', 'Friendly to everyone'],
    hard: ['Keeping up with reading and writing', 'Concentrating for a long time'],
    helps: [
      'Sit me near the front',
      'Check in with me after the carpet input',
      'Break tasks into smaller chunks',
    ],
    communication: 'I will tell you when I am stuck if you check in with me.',
    outcomes: [
      'will complete independent tasks with one adult check-in',
      'will read fluently from a book at their level',
    ],
    provision: ['Small-group phonics keep-up, 5 × 15 min a week', 'Precision teaching, 5 × 10 min a week'],
  },
  OTH: {
    strengths: ['Lots of energy and enthusiasm', 'Quick thinker'],
    hard: [
      'Sitting still on the carpet',
      'Concentrating when there is a lot going on',
      'Getting tired in the afternoon',
    ],
    helps: [
      'Movement breaks (taking the register to the office)',
      'A wobble cushion on the carpet',
      'A visual timer so I can see how long is left',
      'A fidget toy during carpet time',
    ],
    communication: 'I talk quickly and have lots of ideas; help me take turns.',
    outcomes: [
      'will stay on task for 10 minutes using a visual timer',
      'will use a movement-break card instead of leaving the room',
    ],
    provision: [
      'Sensory circuits each morning',
      'Movement breaks timetabled',
      'Zones of Regulation group, 1 × 40 min a week',
    ],
  },
  PD: {
    strengths: ['Determined and independent', 'Great at art'],
    hard: [
      'Stairs and moving around the building',
      'Cutting and fastening buttons',
      'Getting changed for PE',
      'Carrying my tray and books',
    ],
    helps: [
      'Leave lessons two minutes early to use the lift',
      'Writing slope and pencil grip',
      'Extra time to get changed for PE',
      'A buddy to help carry my things',
    ],
    communication: 'I am a confident talker. Ask me before you help me.',
    outcomes: [
      'will use a pencil grip to form letters correctly',
      'will get changed for PE on their own within 10 minutes',
    ],
    provision: [
      'Fine motor skills group, 3 × 15 min a week',
      'Occupational therapy programme delivered by a TA',
      'Writing slope and adapted scissors',
    ],
  },
  HI: {
    strengths: ['Great lip-reader', 'Very observant'],
    hard: [
      'Hearing in noisy rooms',
      'Following class discussions when people talk at once',
      'Hearing the teacher when she faces the board',
    ],
    helps: [
      'Face me when you speak',
      'Use my radio aid (remember to switch it on and off)',
      'Sit me near the front, away from the door',
      'Subtitles on videos',
      'Check I have heard key instructions',
    ],
    communication: 'I wear hearing aids in both ears and use a radio aid in class.',
    outcomes: [
      'will tell an adult when the radio aid is not working',
      'will join in a group discussion using agreed turn-taking',
    ],
    provision: [
      'Radio aid in all lessons',
      'Pre-teaching of vocabulary',
      'Visits from the sensory support teacher each half term',
    ],
  },
  VI: {
    strengths: ['Excellent listener', 'Remembers stories in detail'],
    hard: [
      'Reading small print and the board',
      'Bright sunlight and glare',
      'Finding my way in busy corridors',
    ],
    helps: [
      'Enlarged print (N24 on A3)',
      'Seat near the board, away from the window',
      'Tell me what is on the board as you write it',
      'Keep walkways clear',
    ],
    communication: 'Say my name so I know you are talking to me.',
    outcomes: [
      'will use enlarged resources independently',
      'will find their way from class to the hall on their own',
    ],
    provision: ['Enlarged and high-contrast resources', 'Mobility training with the sensory support service'],
  },
  MSI: {
    strengths: ['Loves music and rhythm', 'Very patient'],
    hard: ['Knowing who is near me', 'New places and people'],
    helps: [
      'Tell me who you are and touch my hand gently before helping',
      'The same adults where possible',
      'Objects of reference for changes',
    ],
    communication: 'I use some speech, signs on my hand and objects of reference.',
    outcomes: [
      'will use objects of reference to move between activities',
      'will greet familiar adults using their agreed touch cue',
    ],
    provision: [
      'Specialist teacher for multi-sensory impairment visits half-termly',
      'Consistent key adults',
    ],
  },
  SLD: {
    strengths: ['Loves music and songs', 'Very sociable'],
    hard: [
      'Understanding spoken language without signs or pictures',
      'Waiting my turn',
      'Self-care routines',
    ],
    helps: [
      'Makaton signs alongside speech',
      'Objects of reference for transitions',
      'Symbols on everything',
    ],
    communication: 'I use Makaton signs and single words. I understand more than I can say.',
    outcomes: [
      'will use 20 Makaton signs to make choices',
      'will follow the toileting routine with one prompt',
    ],
    provision: [
      'Individual timetable with symbols',
      'Makaton across the class',
      'Life-skills sessions daily',
    ],
  },
  PMLD: {
    strengths: ['Beautiful smile', 'Loves sensory stories'],
    hard: ['Telling you what I want', 'Moving without help', 'Changes to my routine'],
    helps: [
      'Intensive interaction sessions',
      'Objects of reference',
      'My physio programme every day',
      'Sensory story sessions',
    ],
    communication:
      'I communicate through sounds, facial expressions and eye pointing. A big smile means yes.',
    outcomes: [
      'will use eye pointing to choose between two objects',
      'will tolerate the standing frame for 20 minutes',
    ],
    provision: ['Full-time 1:1 support', 'Daily physiotherapy programme', 'Intensive interaction sessions'],
  },
  DS: {
    strengths: ['Sociable and kind', 'Great visual memory', 'Loves performing'],
    hard: [
      'Understanding long sentences',
      'Speaking clearly so new people understand me',
      'Keeping up with the pace of lessons',
      'Fine motor tasks',
    ],
    helps: [
      'Makaton signs alongside speech',
      'Visual supports and written words to help me understand',
      'Short, simple sentences',
      'Let me show you what I know in different ways',
    ],
    communication: 'I use words, some Makaton signs and pictures. Give me time to answer.',
    outcomes: ['will read 50 key words by sight', 'will use three-word phrases to ask for help'],
    provision: [
      'Speech and language programme, 3 × 15 min a week',
      'Precision teaching of sight words',
      'Fine motor skills group',
    ],
  },
};

/** KS2 test access arrangements (Year 6) a school would apply for or put in place. */
export const KS2_ACCESS_ARRANGEMENTS: readonly string[] = [
  'Up to 25% additional time in KS2 tests',
  'Reader for mathematics papers',
  'Supervised rest breaks',
  'Separate room with a familiar adult',
  'Scribe',
  'Prompter',
  'Word processor',
];

/** Multiplication tables check (Year 4) access arrangements. */
export const MTC_ACCESS_ARRANGEMENTS: readonly string[] = [
  'Multiplication tables check: input assistant',
  'Multiplication tables check: colour contrast',
  'Multiplication tables check: remove on-screen number pad',
  'Multiplication tables check: next question button',
];
