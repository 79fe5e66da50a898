/**
 * The little dense linear algebra the preference model needs: a Cholesky
 * factor of a small symmetric positive-definite matrix (one row and column
 * per answer, so at most a few dozen) and solves with it. Matrices are
 * arrays of rows.
 */

export type Matrix = number[][];

/** Lower-triangular L with L Lᵀ = A; throws when A is not positive definite (a bug upstream, never user input). */
export function choleskyFactor(matrix: Matrix): Matrix {
  const size = matrix.length;
  const lower: Matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row]![column]!;
      for (let k = 0; k < column; k++) sum -= lower[row]![k]! * lower[column]![k]!;
      if (row === column) {
        if (!(sum > 0)) throw new Error("choleskyFactor: the matrix is not positive definite");
        lower[row]![row] = Math.sqrt(sum);
      } else {
        lower[row]![column] = sum / lower[column]![column]!;
      }
    }
  }
  return lower;
}

/** x with L x = b, for lower-triangular L. */
export function solveLower(lower: Matrix, vector: readonly number[]): number[] {
  const result = new Array<number>(vector.length).fill(0);
  for (let row = 0; row < vector.length; row++) {
    let sum = vector[row]!;
    for (let k = 0; k < row; k++) sum -= lower[row]![k]! * result[k]!;
    result[row] = sum / lower[row]![row]!;
  }
  return result;
}

/** x with Lᵀ x = b, for lower-triangular L. */
export function solveUpper(lower: Matrix, vector: readonly number[]): number[] {
  const size = vector.length;
  const result = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    let sum = vector[row]!;
    for (let k = row + 1; k < size; k++) sum -= lower[k]![row]! * result[k]!;
    result[row] = sum / lower[row]![row]!;
  }
  return result;
}

/** Dot product of two equally long vectors. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}
