import { buildersSlice } from './builders';
import { labsSlice } from './labs';
import { lessonsSlice } from './lessons';
import { quizzesSlice } from './quizzes';
import { simsSlice } from './sims';
import type { Slice } from './store';

/**
 * Every slice of progress the site keeps. Export and import go through this list, so a new slice
 * (quiz history, lab results…) is exported as soon as it is registered here.
 */
export const SLICES: Slice<unknown>[] = [lessonsSlice as Slice<unknown>, quizzesSlice as Slice<unknown>, labsSlice as Slice<unknown>, buildersSlice as Slice<unknown>, simsSlice as Slice<unknown>];
