import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** How many process tests start first, before any unit file: the longest ones. */
const E2E_FIRST = 2;

/**
 * The order `npm test` starts its files in, for one pool of workers on a small machine. The
 * process tests (project e2e) mostly wait on the real clock while their child processes work, the
 * unit files keep the CPU busy: the longest process tests start first, the others are spread
 * evenly among the unit files, so a few run beside the unit files at any time and none is left to
 * run alone at the end. Within each project the order is vitest's own (longest first once a run
 * has been timed, largest file first before that).
 */
export class SpreadSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const e2e = sorted.filter((file) => file.project.name === 'e2e');
    const unit = sorted.filter((file) => file.project.name !== 'e2e');
    const first = e2e.splice(0, E2E_FIRST);
    const spread: TestSpecification[] = [...first];
    const step = unit.length / (e2e.length + 1);
    let next = step;
    unit.forEach((file, index) => {
      spread.push(file);
      while (e2e.length > 0 && index + 1 >= next) {
        spread.push(e2e.shift()!);
        next += step;
      }
    });
    return [...spread, ...e2e];
  }
}
