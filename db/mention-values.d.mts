export declare const PASSAGE_ID_FACTOR: number;
export declare const ENTITY_FACET_SIZE: number;
