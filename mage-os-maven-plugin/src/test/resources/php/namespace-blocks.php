<?php
namespace First {
    use Lib\Imported;

    class One extends Imported
    {
    }

    function helper(Typed $t): void
    {
    }
}

namespace {
    use Global\Imported as Alias;

    class GlobalClass extends \First\One implements Alias
    {
        public function run(Exception $e, \DateTime $d): ArrayObject
        {
            if (!function_exists('global_helper')) {
                function global_helper()
                {
                }
            }
            return new ArrayObject();
        }
    }

    enum Suit: string implements \Lib\HasLabel
    {
        case Hearts = 'H';
    }
}
