/** An integer: the binding generator maps a type named int to Java's long. */
type int = number;

/** Adds two integers. */
export declare function add(a: int, b: int): int;
export declare function shout(text: string, times?: int): string;
export declare function evens(values: int[]): int[];
export declare function doubled(table: Record<string, number>): Record<string, number>;
export declare function find(table: {[key: string]: int}, key: string): int | null;
