/** Small question factories for the quiz tests: defaults that tests override per case. */
import type {
  MatchingQuestion,
  MultipleAnswerQuestion,
  NumericQuestion,
  OrderingQuestion,
  ShortTextQuestion,
  SingleChoiceQuestion,
  TrueFalseQuestion,
} from '../../../src/quiz';

export function singleChoice(over: Partial<SingleChoiceQuestion> = {}): SingleChoiceQuestion {
  return {
    id: 'hv-types',
    type: 'single-choice',
    prompt: 'Which hypervisor type runs on bare metal?',
    points: 1,
    shuffle: true,
    options: [
      { id: 'a', text: 'Type 1', correct: true, feedback: 'Yes: no host OS underneath.' },
      { id: 'b', text: 'Type 2', correct: false, feedback: 'Type 2 runs on a host OS.' },
      { id: 'c', text: 'Containers', correct: false },
    ],
    ...over,
  };
}

/** Five options, A, B, C correct; D, E wrong. */
export function multipleAnswer(scoring: MultipleAnswerQuestion['scoring']): MultipleAnswerQuestion {
  return {
    id: 'type2',
    type: 'multiple-answer',
    prompt: 'Which are Type 2 hypervisors?',
    points: 1,
    shuffle: true,
    scoring,
    options: [
      { id: 'a', text: 'VirtualBox', correct: true },
      { id: 'b', text: 'VMware Workstation', correct: true },
      { id: 'c', text: 'Parallels', correct: true },
      { id: 'd', text: 'ESXi', correct: false, feedback: 'ESXi is bare-metal.' },
      { id: 'e', text: 'KVM', correct: false },
    ],
  };
}

export function trueFalse(over: Partial<TrueFalseQuestion> = {}): TrueFalseQuestion {
  return {
    id: 'snap-backup',
    type: 'true-false',
    prompt: 'A snapshot replaces a backup.',
    points: 1,
    answer: false,
    feedbackTrue: 'Snapshots live on the same storage.',
    feedbackFalse: 'Right: keep backups elsewhere.',
    ...over,
  };
}

export function numeric(over: Partial<NumericQuestion> = {}): NumericQuestion {
  return {
    id: 'ram',
    type: 'numeric',
    prompt: 'How much RAM does g4.r8c4 have?',
    points: 1,
    answer: 8,
    tolerance: { kind: 'absolute', value: 0.5 },
    unit: 'GB',
    unitAliases: ['GiB'],
    wrongAnswers: [{ value: 4, feedback: 'That is the number of cores.' }],
    ...over,
  };
}

export function shortText(over: Partial<ShortTextQuestion> = {}): ShortTextQuestion {
  return {
    id: 'mode',
    type: 'short-text',
    prompt: 'Which VirtualBox mode gives a private network with the host?',
    points: 1,
    answers: ['host-only', 'host only adapter'],
    caseSensitive: false,
    keepPunctuation: false,
    wrongAnswers: [{ text: 'internal', feedback: 'Internal networks do not include the host.' }],
    ...over,
  };
}

export function matching(over: Partial<MatchingQuestion> = {}): MatchingQuestion {
  return {
    id: 'modes',
    type: 'matching',
    prompt: 'Match mode and reach.',
    points: 1,
    pairs: [
      { id: 'a', left: 'NAT', right: 'Outbound only', feedback: 'NAT hides the VM behind the host.' },
      { id: 'b', left: 'Bridged', right: 'On the physical LAN' },
      { id: 'c', left: 'Host-only', right: 'Host and VMs' },
      { id: 'd', left: 'Internal', right: 'VMs only' },
    ],
    choices: ['Outbound only', 'On the physical LAN', 'Host and VMs', 'VMs only', 'GPU passthrough'],
    ...over,
  };
}

export function ordering(scoring: OrderingQuestion['scoring'], n = 5): OrderingQuestion {
  const ids = 'abcdefghij'.slice(0, n).split('');
  return {
    id: 'steps',
    type: 'ordering',
    prompt: 'Order the steps.',
    points: 1,
    items: ids.map((id) => ({ id, text: `step ${id}` })),
    correctOrder: ids,
    scoring,
  };
}
